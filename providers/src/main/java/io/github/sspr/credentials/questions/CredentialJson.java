package io.github.sspr.credentials.questions;

import java.io.IOException;
import org.keycloak.util.JsonSerialization;

/** Credential (de)serialization with Keycloak's own Jackson configuration. */
public final class CredentialJson {

    private CredentialJson() {}

    public static String write(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return JsonSerialization.readValue(json, type);
        } catch (IOException e) {
            // The message names the type only: the JSON may hold answer hashes.
            throw new IllegalArgumentException("Malformed " + type.getSimpleName() + " JSON");
        }
    }
}
