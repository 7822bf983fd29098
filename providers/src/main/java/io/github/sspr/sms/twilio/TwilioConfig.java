package io.github.sspr.sms.twilio;

import io.github.sspr.policy.TwilioAccount;
import java.net.URI;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The Twilio sender's server-level options, declared once here (with defaults and help) and read once at start.
 * Set them as {@code --spi-sspr-sms-sender--twilio--<name>=<value>} or {@code KC_SPI_SSPR_SMS_SENDER__TWILIO__<NAME>}.
 *
 * <p>Secrets should come from Keycloak's vault: {@code auth-token-vault-key} (or {@code api-key-secret-vault-key}) names a
 * vault entry that is looked up per realm when a message is sent, so each realm can bring its own Twilio account.
 */
public record TwilioConfig(
        URI baseUrl,
        String accountSid,
        String authToken,
        String authTokenVaultKey,
        String apiKeySid,
        String apiKeySecret,
        String apiKeySecretVaultKey,
        String fromNumber,
        String messagingServiceSid,
        int connectTimeoutMillis,
        int timeoutMillis,
        int voiceRepeat) {

    static final String BASE_URL = "base-url";
    static final String ACCOUNT_SID = "account-sid";
    static final String AUTH_TOKEN = "auth-token";
    static final String AUTH_TOKEN_VAULT_KEY = "auth-token-vault-key";
    static final String API_KEY_SID = "api-key-sid";
    static final String API_KEY_SECRET = "api-key-secret";
    static final String API_KEY_SECRET_VAULT_KEY = "api-key-secret-vault-key";
    static final String FROM_NUMBER = "from-number";
    static final String MESSAGING_SERVICE_SID = "messaging-service-sid";
    static final String CONNECT_TIMEOUT = "connect-timeout-millis";
    static final String TIMEOUT = "timeout-millis";
    static final String VOICE_REPEAT = "voice-repeat";

    static final String DEFAULT_BASE_URL = "https://api.twilio.com";
    static final int DEFAULT_CONNECT_TIMEOUT = 2000;
    static final int DEFAULT_TIMEOUT = 5000;
    /** Upper bound for any timeout: a login request thread waits on it. */
    static final int MAX_TIMEOUT = 30000;

    static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(BASE_URL)
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DEFAULT_BASE_URL)
                .helpText("Base URL of the Twilio REST API (change only for a test double or a regional edge).")
                .add()
                .property()
                .name(ACCOUNT_SID)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Twilio account SID (AC...).")
                .add()
                .property()
                .name(AUTH_TOKEN_VAULT_KEY)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Name of the vault secret that holds the account's auth token (resolved per realm).")
                .add()
                .property()
                .name(AUTH_TOKEN)
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .helpText("Auth token in clear; prefer auth-token-vault-key.")
                .add()
                .property()
                .name(API_KEY_SID)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("API key SID (SK...); when set, the API key authenticates instead of the auth token.")
                .add()
                .property()
                .name(API_KEY_SECRET_VAULT_KEY)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Name of the vault secret that holds the API key secret (resolved per realm).")
                .add()
                .property()
                .name(API_KEY_SECRET)
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .helpText("API key secret in clear; prefer api-key-secret-vault-key.")
                .add()
                .property()
                .name(FROM_NUMBER)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText(
                        "Sender number in E.164 form; required for voice calls and for SMS without a messaging service.")
                .add()
                .property()
                .name(MESSAGING_SERVICE_SID)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Messaging service SID (MG...) used for SMS instead of from-number.")
                .add()
                .property()
                .name(CONNECT_TIMEOUT)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_CONNECT_TIMEOUT)
                .helpText("Connect timeout in milliseconds (1-" + MAX_TIMEOUT + ").")
                .add()
                .property()
                .name(TIMEOUT)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_TIMEOUT)
                .helpText("Deadline for one API call in milliseconds, connect included (1-" + MAX_TIMEOUT + ").")
                .add()
                .property()
                .name(VOICE_REPEAT)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(2)
                .helpText("How many times a voice call reads its message (1-3).")
                .add()
                .build();
    }

    /** Reads and checks the options; an out-of-range value fails the server start with a clear message. */
    static TwilioConfig read(Config.Scope scope) {
        String baseUrl = trimToNull(scope.get(BASE_URL, DEFAULT_BASE_URL));
        URI uri;
        try {
            uri = URI.create(baseUrl == null ? DEFAULT_BASE_URL : baseUrl.replaceAll("/+$", ""));
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sspr-sms-sender twilio: " + BASE_URL + " must be an http(s) URL", e);
        }
        return new TwilioConfig(
                uri,
                trimToNull(scope.get(ACCOUNT_SID)),
                trimToNull(scope.get(AUTH_TOKEN)),
                trimToNull(scope.get(AUTH_TOKEN_VAULT_KEY)),
                trimToNull(scope.get(API_KEY_SID)),
                trimToNull(scope.get(API_KEY_SECRET)),
                trimToNull(scope.get(API_KEY_SECRET_VAULT_KEY)),
                trimToNull(scope.get(FROM_NUMBER)),
                trimToNull(scope.get(MESSAGING_SERVICE_SID)),
                bounded(scope, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, 1, MAX_TIMEOUT),
                bounded(scope, TIMEOUT, DEFAULT_TIMEOUT, 1, MAX_TIMEOUT),
                bounded(scope, VOICE_REPEAT, 2, 1, 3));
    }

    private static int bounded(Config.Scope scope, String name, int defaultValue, int min, int max) {
        Integer value = scope.getInt(name, defaultValue);
        if (value == null || value < min || value > max) {
            throw new IllegalArgumentException(
                    "sspr-sms-sender twilio: " + name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * These options as one realm sends with them: the realm's own account (with its auth token's vault key, never an
     * API key of the server's account) and its own sender replace the server's; a realm that names neither keeps the
     * server's (docs/sms.md, "One Twilio account per realm").
     */
    public TwilioConfig forRealm(TwilioAccount realm) {
        boolean ownAccount = realm.ownAccount();
        boolean ownSender = realm.ownSender();
        if (!ownAccount && !ownSender) {
            return this;
        }
        return new TwilioConfig(
                baseUrl,
                ownAccount ? realm.accountSid() : accountSid,
                ownAccount ? null : authToken,
                ownAccount ? realm.authTokenVaultKey() : authTokenVaultKey,
                ownAccount ? null : apiKeySid,
                ownAccount ? null : apiKeySecret,
                ownAccount ? null : apiKeySecretVaultKey,
                ownSender ? realm.fromNumber() : fromNumber,
                ownSender ? realm.messagingServiceSid() : messagingServiceSid,
                connectTimeoutMillis,
                timeoutMillis,
                voiceRepeat);
    }

    /** The user name of HTTP basic auth: the API key SID when one is configured, else the account SID. */
    String basicAuthUser() {
        return apiKeySid != null ? apiKeySid : accountSid;
    }

    @Override
    public String toString() {
        // Never print secrets, even by accident through a debug log of the record.
        return "TwilioConfig[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", apiKeySid=" + apiKeySid
                + ", fromNumber=" + fromNumber + ", messagingServiceSid=" + messagingServiceSid + ", timeouts="
                + connectTimeoutMillis + "/" + timeoutMillis + "ms]";
    }
}
