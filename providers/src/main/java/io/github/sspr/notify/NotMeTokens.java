package io.github.sspr.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The keys of "This wasn't me" links: random, single-use, bound to one user of one realm, expiring.
 *
 * <p>Why this design: the link must work on any node of a cluster and survive a restart of one node, so its state is in
 * Keycloak's single-use-object store (replicated, TTL'd). Only a SHA-256 of the key is stored, so the store holds
 * nothing that opens the link (a 256-bit random key needs no salt or slow hash). The key is consumed with the store's
 * {@code remove}, which returns the entry to exactly one caller cluster-wide, so two clicks racing each other lock the
 * account once; a "used" marker with the same lifetime lets the second click be told that the link was used rather
 * than that it is unknown.
 *
 * <p>Not an action token: an action token would put the user id and expiry in a signed JWT in the mail, and Keycloak's
 * action-token endpoint acts on GET, which mail scanners prefetch; here GET only shows a confirmation page.
 */
public final class NotMeTokens {

    /** How long a link works: long enough for a user who reads mail a few days later. */
    public static final long TTL_SECONDS = 7L * 24 * 60 * 60;

    static final String PREFIX = "sspr:not-me:";
    static final String USED_PREFIX = "sspr:not-me-used:";
    static final String REALM = "realm";
    static final String USER = "user";
    static final String KIND = "kind";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern KEY_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SingleUseObjectProvider store;

    public NotMeTokens(SingleUseObjectProvider store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** What a key stands for. */
    public enum State {
        /** Issued, not used, not expired: the link may act once. */
        VALID,
        /** Already used (by this or a concurrent click). */
        USED,
        /** Never issued here, expired, malformed, or for another realm. */
        INVALID
    }

    /** The outcome of {@link #consume}: the state, and for a valid key whose account it locks. */
    public record Claim(State state, String userId, String kind) {
        static Claim of(State state) {
            return new Claim(state, null, null);
        }
    }

    /**
     * Issues a key for {@code userId}. The store's {@code put} is written when the request's transaction commits, so a
     * rolled-back change leaves no working link behind.
     *
     * @return the key for the link (43 URL-safe characters); never log it
     */
    public String issue(String realmId, String userId, String kind) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        store.put(PREFIX + digest(key), TTL_SECONDS, Map.of(REALM, realmId, USER, userId, KIND, kind));
        return key;
    }

    /** The key's state, without using it (for the confirmation page that a GET shows). */
    public State peek(String realmId, String key) {
        if (!wellFormed(key)) {
            return State.INVALID;
        }
        String id = digest(key);
        Map<String, String> notes = store.get(PREFIX + id);
        if (notes == null) {
            return store.contains(USED_PREFIX + id) ? State.USED : State.INVALID;
        }
        return realmId.equals(notes.get(REALM)) ? State.VALID : State.INVALID;
    }

    /** Uses the key: exactly one caller gets {@link State#VALID}; every later call gets {@link State#USED}. */
    public Claim consume(String realmId, String key) {
        State state = peek(realmId, key);
        if (state != State.VALID) {
            return Claim.of(state);
        }
        String id = digest(key);
        Map<String, String> removed = store.remove(PREFIX + id);
        if (removed == null) {
            return Claim.of(State.USED); // another click won the race
        }
        store.putIfAbsent(USED_PREFIX + id, TTL_SECONDS);
        return new Claim(State.VALID, removed.get(USER), removed.get(KIND));
    }

    static boolean wellFormed(String key) {
        return key != null && KEY_SHAPE.matcher(key).matches();
    }

    static String digest(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The realm resource that serves "This wasn't me" ({@code /realms/{realm}/sspr/not-me}). */
    public static final String RESOURCE_ID = "sspr";

    /** The path of the page below the realm resource. */
    public static final String PATH = "not-me";

    /** The link for a mail. */
    public static String link(String frontendBase, String realmName, String key) {
        return jakarta.ws.rs.core.UriBuilder.fromUri(frontendBase)
                .path("realms")
                .path(realmName)
                .path(RESOURCE_ID)
                .path(PATH)
                .queryParam("key", key)
                .build()
                .toString();
    }
}
