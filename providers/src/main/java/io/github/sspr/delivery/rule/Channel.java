package io.github.sspr.delivery.rule;

/** How a one-time message reaches a phone. */
public enum Channel {
    SMS,
    VOICE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
