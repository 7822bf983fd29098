package io.github.sspr.ldap;

import java.time.Instant;

/** The last password writeback of a component on this node: when, and whether it reached the directory. */
public record WritebackHealth(Instant at, boolean ok, DirectoryFailure failure, String rawCode) {

    public static final WritebackHealth UNKNOWN = new WritebackHealth(null, true, null, null);

    static WritebackHealth success() {
        return new WritebackHealth(Instant.now(), true, null, null);
    }

    static WritebackHealth failed(DirectoryException e) {
        return new WritebackHealth(Instant.now(), false, e.failure(), e.rawCode());
    }
}
