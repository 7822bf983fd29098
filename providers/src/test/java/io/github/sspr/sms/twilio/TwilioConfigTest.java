package io.github.sspr.sms.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.policy.TwilioAccount;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;

class TwilioConfigTest {

    @Test
    void defaultsAreSafe() {
        TwilioConfig config = TwilioConfig.read(scope(Map.of()));
        assertEquals("https://api.twilio.com", config.baseUrl().toString());
        assertEquals(2000, config.connectTimeoutMillis());
        assertEquals(5000, config.timeoutMillis(), "a login thread waits at most 5 s by default");
        assertEquals(2, config.voiceRepeat());
        assertNull(config.accountSid());
    }

    @Test
    void readsEveryOption() {
        TwilioConfig config = TwilioConfig.read(scope(Map.of(
                "base-url", "http://localhost:18089/",
                "account-sid", " AC123 ",
                "api-key-sid", "SK1",
                "api-key-secret-vault-key", "twilio-key",
                "from-number", "+15005550006",
                "messaging-service-sid", "MG1",
                "timeout-millis", "3000")));
        assertEquals("http://localhost:18089", config.baseUrl().toString(), "trailing slash dropped");
        assertEquals("AC123", config.accountSid());
        assertEquals("SK1", config.basicAuthUser(), "an API key authenticates instead of the account");
        assertEquals("twilio-key", config.apiKeySecretVaultKey());
        assertEquals(3000, config.timeoutMillis());
    }

    @Test
    void outOfRangeValuesStopTheServerWithAClearMessage() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TwilioConfig.read(scope(Map.of("timeout-millis", "600000"))));
        assertTrue(e.getMessage().contains("timeout-millis"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TwilioConfig.read(scope(Map.of("base-url", "ftp://x"))));
        assertThrows(IllegalArgumentException.class, () -> TwilioConfig.read(scope(Map.of("voice-repeat", "0"))));
    }

    @Test
    void secretsNeverAppearInToString() {
        TwilioConfig config = TwilioConfig.read(
                scope(Map.of("auth-token", "super-secret-token", "api-key-secret", "another-secret")));
        assertFalse(config.toString().contains("super-secret-token"));
        assertFalse(config.toString().contains("another-secret"));
    }

    @Test
    void everyOptionIsDeclaredWithHelp() {
        assertEquals(12, TwilioConfig.metadata().size());
        TwilioConfig.metadata()
                .forEach(p ->
                        assertFalse(p.getHelpText() == null || p.getHelpText().isBlank()));
    }

    /** A Config.Scope over a map, as Keycloak hands the factory its options. */
    static Config.Scope scope(Map<String, String> values) {
        Map<String, String> map = new HashMap<>(values);
        return new Config.Scope() {
            @Override
            public String get(String key) {
                return map.get(key);
            }

            @Override
            public String get(String key, String defaultValue) {
                return map.getOrDefault(key, defaultValue);
            }

            @Override
            public String[] getArray(String key) {
                String v = map.get(key);
                return v == null ? null : v.split(",");
            }

            @Override
            public Integer getInt(String key) {
                String v = map.get(key);
                return v == null ? null : Integer.valueOf(v);
            }

            @Override
            public Integer getInt(String key, Integer defaultValue) {
                String v = map.get(key);
                return v == null ? defaultValue : Integer.valueOf(v);
            }

            @Override
            public Long getLong(String key) {
                String v = map.get(key);
                return v == null ? null : Long.valueOf(v);
            }

            @Override
            public Long getLong(String key, Long defaultValue) {
                String v = map.get(key);
                return v == null ? defaultValue : Long.valueOf(v);
            }

            @Override
            public Boolean getBoolean(String key) {
                String v = map.get(key);
                return v == null ? null : Boolean.valueOf(v);
            }

            @Override
            public Boolean getBoolean(String key, Boolean defaultValue) {
                String v = map.get(key);
                return v == null ? defaultValue : Boolean.valueOf(v);
            }

            @Override
            public Config.Scope scope(String... scope) {
                return this;
            }

            @Override
            public Set<String> getPropertyNames() {
                return map.keySet();
            }

            @Override
            public Config.Scope root() {
                return this;
            }
        };
    }

    @Test
    void aRealmsOwnAccountAndSenderReplaceTheServers() {
        TwilioConfig server = TwilioConfig.read(scope(Map.of(
                "account-sid", "AC00000000000000000000000000000001",
                "api-key-sid", "SK1",
                "api-key-secret-vault-key", "twilio-key",
                "auth-token", "server-token",
                "from-number", "+15005550006",
                "messaging-service-sid", "MG1")));
        assertEquals(server, server.forRealm(TwilioAccount.SERVER), "a realm that names nothing sends as the server");

        TwilioConfig own = server.forRealm(
                new TwilioAccount("AC00000000000000000000000000000002", "${vault.own-token}", "+4930123456", null));
        assertEquals("AC00000000000000000000000000000002", own.accountSid());
        assertEquals("AC00000000000000000000000000000002", own.basicAuthUser(), "not the server account's API key");
        assertEquals("own-token", own.authTokenVaultKey());
        assertNull(own.authToken(), "the server account's token never goes to another account");
        assertNull(own.apiKeySecretVaultKey());
        assertEquals("+4930123456", own.fromNumber());
        assertNull(own.messagingServiceSid(), "the server's messaging service is not the realm's sender");

        TwilioConfig senderOnly = server.forRealm(new TwilioAccount(null, null, null, "MG2"));
        assertEquals("AC00000000000000000000000000000001", senderOnly.accountSid());
        assertEquals("SK1", senderOnly.basicAuthUser());
        assertEquals("MG2", senderOnly.messagingServiceSid());
        assertNull(senderOnly.fromNumber());
    }
}
