package io.github.sspr.ldap;

import java.util.Locale;

/** How the connection to the directory is protected. */
public enum TlsMode {
    /** Plain LDAP; only for tests and loopback. Active Directory refuses password writes on it. */
    NONE("none"),
    /** TLS from the first byte (ldaps://, usually port 636). */
    LDAPS("ldaps"),
    /** Plain connection upgraded with the StartTLS extended operation before the bind. */
    STARTTLS("starttls");

    private final String id;

    TlsMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean encrypted() {
        return this != NONE;
    }

    /** The mode for a configured id; {@code null} when the id is unknown. */
    public static TlsMode fromId(String id) {
        if (id == null) {
            return null;
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (TlsMode mode : values()) {
            if (mode.id.equals(wanted)) {
                return mode;
            }
        }
        return null;
    }
}
