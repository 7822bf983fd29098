package io.github.sspr.policy;

import java.util.Locale;
import java.util.Optional;

/** Who may use self-service password reset. */
public enum Enablement {
    /** Every user of the realm. */
    ALL,
    /** Members of one group (and its subgroups). */
    GROUP,
    /** Nobody: the reset flow behaves as for an unknown user. */
    OFF;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Enablement> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (Enablement value : values()) {
            if (value.id().equalsIgnoreCase(id.strip())) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
