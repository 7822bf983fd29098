package io.github.sspr.ldap;

import static io.github.sspr.ldap.LdapConfigProperties.*;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.keycloak.component.ComponentModel;

/**
 * The {@code sspr-ldap} settings, read once from the component with defaults, and checked: {@link #problems()} lists
 * what is wrong, so an invalid configuration is rejected when saved instead of at the first login.
 *
 * <p>{@code bindCredential} and {@code trustStorePassword} hold what the admin typed — a {@code ${vault.key}}
 * reference or the secret itself; they are resolved through Keycloak's vault only when a connection is made, and never
 * appear in {@link #toString()}.
 */
public final class LdapConfig {

    private final Vendor vendor;
    private final String vendorRaw;
    private final List<String> urls;
    private final TlsMode tlsMode;
    private final String tlsModeRaw;
    private final String trustStorePath;
    private final String trustStorePassword;
    private final String bindDn;
    private final String bindCredential;
    private final String usersDn;
    private final String usernameAttribute;
    private final String rdnAttribute;
    private final String uuidAttribute;
    private final String emailAttribute;
    private final String firstNameAttribute;
    private final String lastNameAttribute;
    private final List<String> objectClasses;
    private final String customFilter;
    private final Integer connectTimeoutMillis;
    private final Integer responseTimeoutMillis;
    private final Integer maxConnections;
    private final boolean passwordHashSync;
    private final boolean unlockOnReset;
    private final boolean trustEmail;
    private final String ppolicyDn;
    private final List<String> problems = new ArrayList<>();

    private LdapConfig(Function<String, String> raw) {
        vendorRaw = trimmed(raw.apply(VENDOR), Vendor.GENERIC.id());
        Vendor v = Vendor.fromId(vendorRaw);
        if (v == null) {
            problems.add("Unknown vendor '" + vendorRaw + "'");
            v = Vendor.GENERIC;
        }
        vendor = v;
        urls = split(raw.apply(CONNECTION_URLS), "[\\s,]+");
        tlsModeRaw = trimmed(raw.apply(TLS_MODE), TlsMode.LDAPS.id());
        TlsMode mode = TlsMode.fromId(tlsModeRaw);
        if (mode == null) {
            problems.add("Unknown TLS mode '" + tlsModeRaw + "'");
            mode = TlsMode.LDAPS;
        }
        tlsMode = mode;
        trustStorePath = trimmed(raw.apply(TRUST_STORE_PATH), "");
        trustStorePassword = orEmpty(raw.apply(TRUST_STORE_PASSWORD));
        bindDn = trimmed(raw.apply(BIND_DN), "");
        bindCredential = orEmpty(raw.apply(BIND_CREDENTIAL));
        usersDn = trimmed(raw.apply(USERS_DN), "");
        usernameAttribute = trimmed(raw.apply(USERNAME_ATTRIBUTE), vendor.defaultUsernameAttribute());
        rdnAttribute = trimmed(raw.apply(RDN_ATTRIBUTE), vendor.defaultRdnAttribute());
        uuidAttribute = trimmed(raw.apply(UUID_ATTRIBUTE), vendor.defaultUuidAttribute());
        emailAttribute = trimmed(raw.apply(EMAIL_ATTRIBUTE), "mail");
        firstNameAttribute = trimmed(raw.apply(FIRST_NAME_ATTRIBUTE), "givenName");
        lastNameAttribute = trimmed(raw.apply(LAST_NAME_ATTRIBUTE), "sn");
        List<String> classes = split(raw.apply(USER_OBJECT_CLASSES), "\\s*,\\s*");
        objectClasses = classes.isEmpty() ? split(vendor.defaultObjectClasses(), "\\s*,\\s*") : classes;
        customFilter = trimmed(raw.apply(CUSTOM_USER_FILTER), "");
        connectTimeoutMillis = integer(raw, CONNECT_TIMEOUT_MILLIS, DEFAULT_CONNECT_TIMEOUT_MILLIS, 100, 120_000);
        responseTimeoutMillis = integer(raw, RESPONSE_TIMEOUT_MILLIS, DEFAULT_RESPONSE_TIMEOUT_MILLIS, 100, 300_000);
        maxConnections = integer(raw, MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS, 1, 200);
        passwordHashSync = bool(raw.apply(PASSWORD_HASH_SYNC), true);
        unlockOnReset = bool(raw.apply(UNLOCK_ON_RESET), true);
        trustEmail = bool(raw.apply(TRUST_EMAIL), false);
        ppolicyDn = trimmed(raw.apply(PPOLICY_DN), "");
        check();
    }

    public static LdapConfig from(ComponentModel model) {
        return new LdapConfig(model::get);
    }

    /** For tests and tools: any key → value lookup. */
    public static LdapConfig from(Function<String, String> raw) {
        return new LdapConfig(raw);
    }

    private void check() {
        if (urls.isEmpty()) {
            problems.add("At least one connection URL is required");
        }
        for (String url : urls) {
            try {
                LDAPURL parsed = new LDAPURL(url);
                String scheme = parsed.getScheme();
                if (tlsMode == TlsMode.LDAPS && !"ldaps".equals(scheme)) {
                    problems.add("TLS mode ldaps needs ldaps:// URLs: " + url);
                } else if (tlsMode != TlsMode.LDAPS && !"ldap".equals(scheme)) {
                    problems.add("TLS mode " + tlsMode.id() + " needs ldap:// URLs: " + url);
                }
                if (!parsed.hostProvided()) {
                    problems.add("URL without a host: " + url);
                }
            } catch (LDAPException e) {
                problems.add("Not an LDAP URL: " + url);
            }
        }
        checkDn("Users DN", usersDn, true);
        checkDn("Bind DN", bindDn, false);
        checkDn("Default password policy DN", ppolicyDn, false);
        if (!bindDn.isEmpty() && bindCredential.isEmpty()) {
            problems.add("A bind DN needs a bind credential");
        }
        for (String attribute : List.of(
                usernameAttribute,
                rdnAttribute,
                uuidAttribute,
                emailAttribute,
                firstNameAttribute,
                lastNameAttribute)) {
            if (!attribute.matches("[A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)+")) {
                problems.add("Not an attribute name: '" + attribute + "'");
            }
        }
        for (String objectClass : objectClasses) {
            if (!objectClass.matches("[A-Za-z][A-Za-z0-9-]*")) {
                problems.add("Not an object class: '" + objectClass + "'");
            }
        }
        if (!customFilter.isEmpty()) {
            try {
                Filter.create(customFilter);
                if (!customFilter.startsWith("(")) {
                    problems.add("The custom user filter must be enclosed in parentheses");
                }
            } catch (LDAPException e) {
                problems.add("Invalid custom user filter: " + e.getMessage());
            }
        }
        if (!trustStorePath.isEmpty() && !tlsMode.encrypted()) {
            problems.add("A trust store needs TLS mode ldaps or starttls");
        }
    }

    private void checkDn(String label, String value, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                problems.add(label + " is required");
            }
            return;
        }
        if (!DN.isValidDN(value)) {
            problems.add(label + " is not a valid DN (RFC 4514)");
        }
    }

    private Integer integer(Function<String, String> raw, String key, int fallback, int min, int max) {
        String value = trimmed(raw.apply(key), "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                problems.add(key + " must be between " + min + " and " + max);
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a whole number");
            return fallback;
        }
    }

    private static boolean bool(String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return Boolean.parseBoolean(value.strip());
    }

    private static String trimmed(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static List<String> split(String value, String separator) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.strip().split(separator))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** What is wrong with the configuration; empty when it can be used. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public Vendor vendor() {
        return vendor;
    }

    public List<String> urls() {
        return urls;
    }

    public TlsMode tlsMode() {
        return tlsMode;
    }

    public String trustStorePath() {
        return trustStorePath;
    }

    /** Raw: a vault reference or the secret. */
    public String trustStorePassword() {
        return trustStorePassword;
    }

    public String bindDn() {
        return bindDn;
    }

    /** Raw: a vault reference or the secret. */
    public String bindCredential() {
        return bindCredential;
    }

    public String usersDn() {
        return usersDn;
    }

    public String usernameAttribute() {
        return usernameAttribute;
    }

    public String rdnAttribute() {
        return rdnAttribute;
    }

    public String uuidAttribute() {
        return uuidAttribute;
    }

    public String emailAttribute() {
        return emailAttribute;
    }

    public String firstNameAttribute() {
        return firstNameAttribute;
    }

    public String lastNameAttribute() {
        return lastNameAttribute;
    }

    public List<String> objectClasses() {
        return objectClasses;
    }

    public String customFilter() {
        return customFilter;
    }

    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public int responseTimeoutMillis() {
        return responseTimeoutMillis;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public boolean passwordHashSync() {
        return passwordHashSync;
    }

    public boolean unlockOnReset() {
        return unlockOnReset;
    }

    public boolean trustEmail() {
        return trustEmail;
    }

    /** OpenLDAP: the ppolicy overlay's default policy entry, or {@code ""} when not configured. */
    public String ppolicyDn() {
        return ppolicyDn;
    }

    /** Everything but secrets: safe for logs. */
    @Override
    public String toString() {
        return "LdapConfig[vendor=" + vendor.id() + ", urls=" + urls + ", tls=" + tlsMode.id() + ", bindDn=" + bindDn
                + ", bindCredential=" + (bindCredential.isEmpty() ? "(none)" : "****") + ", usersDn=" + usersDn + "]";
    }
}
