package io.github.sspr.policy;

import java.util.Locale;
import java.util.Optional;

/** A way for a user to prove who they are at a reset gate. */
public enum Method {
    EMAIL(Factor.EMAIL),
    SMS(Factor.PHONE),
    VOICE(Factor.PHONE),
    QUESTIONS(Factor.KNOWLEDGE);

    /**
     * What a method proves. Two gates must prove two different factors: SMS and voice reach the same phone, so passing
     * both proves only that one holds the phone.
     */
    public enum Factor {
        EMAIL,
        PHONE,
        KNOWLEDGE
    }

    private final Factor factor;

    Method(Factor factor) {
        this.factor = factor;
    }

    public Factor factor() {
        return factor;
    }

    /** The id used in configuration, events and provider ids: {@code email}, {@code sms}, {@code voice}, {@code questions}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method with {@code id}, ignoring case and surrounding spaces. */
    public static Optional<Method> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip();
        for (Method method : values()) {
            if (method.id().equalsIgnoreCase(wanted)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
