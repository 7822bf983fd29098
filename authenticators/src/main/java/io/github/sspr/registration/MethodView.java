package io.github.sspr.registration;

/**
 * A method on the registration overview. A class with getters, not a record: FreeMarker would resolve {@code m.id} to
 * the record's accessor method rather than a value.
 */
public final class MethodView {
    private final String id;
    private final boolean registered;
    private final String masked;
    private final String type;

    MethodView(String id, boolean registered, String masked, String type) {
        this.id = id;
        this.registered = registered;
        this.masked = masked == null ? "" : masked;
        this.type = type;
    }

    public String getId() {
        return id;
    }

    public boolean isRegistered() {
        return registered;
    }

    public String getMasked() {
        return masked;
    }

    public String getType() {
        return type;
    }
}
