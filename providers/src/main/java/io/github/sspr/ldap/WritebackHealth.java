package io.github.sspr.ldap;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The last password writeback of a component in the whole cluster: when, on which node, and whether it reached the
 * directory. Kept in Keycloak's cluster-wide single-use-object store ({@link WritebackHealthStore}), so every node's
 * dashboard shows the same record (docs/cluster.md).
 *
 * @param node the Keycloak node that made the write ({@code null} when unknown)
 */
public record WritebackHealth(Instant at, boolean ok, DirectoryFailure failure, String rawCode, String node) {

    public static final WritebackHealth UNKNOWN = new WritebackHealth(null, true, null, null, null);

    private static final String AT = "at";
    private static final String OK = "ok";
    private static final String FAILURE = "failure";
    private static final String RAW_CODE = "rawCode";
    private static final String NODE = "node";

    static WritebackHealth success(String node) {
        return new WritebackHealth(Instant.now(), true, null, null, node);
    }

    static WritebackHealth failed(DirectoryException e, String node) {
        return new WritebackHealth(Instant.now(), false, e.failure(), e.rawCode(), node);
    }

    /** As stored: string notes. */
    Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        if (at != null) {
            notes.put(AT, at.toString());
        }
        notes.put(OK, Boolean.toString(ok));
        if (failure != null) {
            notes.put(FAILURE, failure.name());
        }
        if (rawCode != null) {
            notes.put(RAW_CODE, rawCode);
        }
        if (node != null) {
            notes.put(NODE, node);
        }
        return notes;
    }

    /** Read back from {@link #toNotes()}; anything unreadable is {@link #UNKNOWN}. */
    static WritebackHealth fromNotes(Map<String, String> notes) {
        if (notes == null || notes.get(AT) == null) {
            return UNKNOWN;
        }
        try {
            String failure = notes.get(FAILURE);
            return new WritebackHealth(
                    Instant.parse(notes.get(AT)),
                    Boolean.parseBoolean(notes.get(OK)),
                    failure == null ? null : DirectoryFailure.valueOf(failure),
                    notes.get(RAW_CODE),
                    notes.get(NODE));
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }
}
