package io.github.sspr.ldap;

import java.util.Arrays;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The {@code sspr-ldap} component's settings, declared once: key, type, default and help text. */
public final class LdapConfigProperties {

    public static final String VENDOR = "vendor";
    public static final String CONNECTION_URLS = "connectionUrls";
    public static final String TLS_MODE = "tlsMode";
    public static final String TRUST_STORE_PATH = "trustStorePath";
    public static final String TRUST_STORE_PASSWORD = "trustStorePassword";
    public static final String BIND_DN = "bindDn";
    public static final String BIND_CREDENTIAL = "bindCredential";
    public static final String USERS_DN = "usersDn";
    public static final String USERNAME_ATTRIBUTE = "usernameAttribute";
    public static final String RDN_ATTRIBUTE = "rdnAttribute";
    public static final String UUID_ATTRIBUTE = "uuidAttribute";
    public static final String EMAIL_ATTRIBUTE = "emailAttribute";
    public static final String FIRST_NAME_ATTRIBUTE = "firstNameAttribute";
    public static final String LAST_NAME_ATTRIBUTE = "lastNameAttribute";
    public static final String USER_OBJECT_CLASSES = "userObjectClasses";
    public static final String CUSTOM_USER_FILTER = "customUserFilter";
    public static final String CONNECT_TIMEOUT_MILLIS = "connectTimeoutMillis";
    public static final String RESPONSE_TIMEOUT_MILLIS = "responseTimeoutMillis";
    public static final String MAX_CONNECTIONS = "maxConnections";
    public static final String PASSWORD_HASH_SYNC = "passwordHashSync";
    public static final String UNLOCK_ON_RESET = "unlockOnReset";
    public static final String TRUST_EMAIL = "trustEmail";
    public static final String PPOLICY_DN = "ppolicyDn";

    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 5_000;
    public static final int DEFAULT_RESPONSE_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 10;

    private LdapConfigProperties() {}

    public static List<ProviderConfigProperty> all() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(VENDOR)
                .label("Vendor")
                .helpText("Active Directory writes unicodePwd over TLS; OpenLDAP uses the RFC 3062 password modify"
                        + " operation with the password-policy control; generic replaces userPassword.")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(Arrays.stream(Vendor.values()).map(Vendor::id).toList())
                .defaultValue(Vendor.GENERIC.id())
                .required(true)
                .add()
                .property()
                .name(CONNECTION_URLS)
                .label("Connection URLs")
                .helpText("One or more ldap:// or ldaps:// URLs separated by spaces; tried in order (failover).")
                .type(ProviderConfigProperty.STRING_TYPE)
                .required(true)
                .add()
                .property()
                .name(TLS_MODE)
                .label("TLS")
                .helpText("none (tests only), ldaps (TLS from the first byte) or starttls. Password writes to Active"
                        + " Directory need TLS.")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(Arrays.stream(TlsMode.values()).map(TlsMode::id).toList())
                .defaultValue(TlsMode.LDAPS.id())
                .add()
                .property()
                .name(TRUST_STORE_PATH)
                .label("Trust store")
                .helpText("PKCS#12 or JKS file with the directory's CA; empty = the JVM's (Keycloak's) trust store.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(TRUST_STORE_PASSWORD)
                .label("Trust store password")
                .helpText("Password of the trust store file, or a ${vault.key} reference.")
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .add()
                .property()
                .name(BIND_DN)
                .label("Bind DN")
                .helpText("Service account that looks users up and writes passwords. Empty = anonymous (read only).")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(BIND_CREDENTIAL)
                .label("Bind credential")
                .helpText("The service account's password, preferably a ${vault.key} reference to Keycloak's vault.")
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .add()
                .property()
                .name(USERS_DN)
                .label("Users DN")
                .helpText("Base DN under which users are searched (subtree).")
                .type(ProviderConfigProperty.STRING_TYPE)
                .required(true)
                .add()
                .property()
                .name(USERNAME_ATTRIBUTE)
                .label("Username attribute")
                .helpText("Empty = vendor default (sAMAccountName for Active Directory, uid otherwise).")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(RDN_ATTRIBUTE)
                .label("RDN attribute")
                .helpText("Empty = vendor default (cn for Active Directory, uid otherwise).")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(UUID_ATTRIBUTE)
                .label("UUID attribute")
                .helpText("Stable identifier of an entry. Empty = vendor default (objectGUID or entryUUID).")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(EMAIL_ATTRIBUTE)
                .label("Email attribute")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("mail")
                .add()
                .property()
                .name(FIRST_NAME_ATTRIBUTE)
                .label("First name attribute")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("givenName")
                .add()
                .property()
                .name(LAST_NAME_ATTRIBUTE)
                .label("Last name attribute")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("sn")
                .add()
                .property()
                .name(USER_OBJECT_CLASSES)
                .label("User object classes")
                .helpText("Comma-separated; every user entry has all of them. Empty = vendor default.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(CUSTOM_USER_FILTER)
                .label("Custom user filter")
                .helpText("Optional LDAP filter in parentheses, ANDed to every user search, e.g. (memberOf=…).")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(CONNECT_TIMEOUT_MILLIS)
                .label("Connect timeout (ms)")
                .helpText("Per server; with the directory down a reset fails within this time per URL.")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_CONNECT_TIMEOUT_MILLIS)
                .add()
                .property()
                .name(RESPONSE_TIMEOUT_MILLIS)
                .label("Response timeout (ms)")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_RESPONSE_TIMEOUT_MILLIS)
                .add()
                .property()
                .name(MAX_CONNECTIONS)
                .label("Maximum connections")
                .helpText("Size of the connection pool this Keycloak node keeps to the directory.")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_MAX_CONNECTIONS)
                .add()
                .property()
                .name(PASSWORD_HASH_SYNC)
                .label("Password hash sync")
                .helpText("On: after a successful bind or writeback Keycloak keeps its own hash of the password, so"
                        + " logins keep working while the directory is unreachable. Off: fail closed — no hash is"
                        + " kept, and logins fail while the directory is down.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(true)
                .add()
                .property()
                .name(UNLOCK_ON_RESET)
                .label("Unlock on reset")
                .helpText("After a successful self-service reset, clear the directory's lockout"
                        + " (AD lockoutTime, OpenLDAP pwdAccountLockedTime).")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(true)
                .add()
                .property()
                .name(TRUST_EMAIL)
                .label("Trust email")
                .helpText("On: e-mail addresses read from the directory are imported as verified (as Keycloak's own"
                        + " LDAP provider's option of the same name).")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(false)
                .add()
                .property()
                .name(PPOLICY_DN)
                .label("Default password policy DN (OpenLDAP)")
                .helpText("The ppolicy overlay's default policy entry (its ppolicy_default, e.g."
                        + " cn=default,ou=policies,dc=example,dc=org), for password-expiry reminders: its pwdMaxAge"
                        + " applies to users without a pwdPolicySubentry of their own.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .build();
    }
}
