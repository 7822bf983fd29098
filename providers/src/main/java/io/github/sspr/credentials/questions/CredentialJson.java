package io.github.sspr.credentials.questions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Credential (de)serialization with Keycloak's own Jackson configuration. */
public final class CredentialJson {

    /** Configured as Keycloak's own JSON helper is (no nulls written, unknown fields ignored); thread-safe. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CredentialJson() {}

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            // The message names the type only: the JSON may hold answer hashes.
            throw new IllegalArgumentException("Malformed " + type.getSimpleName() + " JSON");
        }
    }
}
