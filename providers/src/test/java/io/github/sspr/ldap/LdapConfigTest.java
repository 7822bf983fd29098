package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LdapConfigTest {

    private static Map<String, String> valid() {
        Map<String, String> raw = new HashMap<>();
        raw.put(LdapConfigProperties.VENDOR, "openldap");
        raw.put(LdapConfigProperties.CONNECTION_URLS, "ldaps://dc1.example.com:636 ldaps://dc2.example.com");
        raw.put(LdapConfigProperties.TLS_MODE, "ldaps");
        raw.put(LdapConfigProperties.BIND_DN, "cn=svc,dc=example,dc=com");
        raw.put(LdapConfigProperties.BIND_CREDENTIAL, "${vault.ldap-bind}");
        raw.put(LdapConfigProperties.USERS_DN, "ou=people,dc=example,dc=com");
        return raw;
    }

    @Test
    void validConfigurationHasDefaults() {
        LdapConfig config = LdapConfig.from(valid()::get);
        assertEquals(List.of(), config.problems());
        assertEquals(Vendor.OPENLDAP, config.vendor());
        assertEquals(List.of("ldaps://dc1.example.com:636", "ldaps://dc2.example.com"), config.urls());
        assertEquals("uid", config.usernameAttribute());
        assertEquals("entryUUID", config.uuidAttribute());
        assertEquals(5000, config.connectTimeoutMillis());
        assertTrue(config.passwordHashSync());
        assertTrue(config.unlockOnReset());
    }

    @Test
    void activeDirectoryDefaults() {
        Map<String, String> raw = valid();
        raw.put(LdapConfigProperties.VENDOR, "ad");
        LdapConfig config = LdapConfig.from(raw::get);
        assertEquals("sAMAccountName", config.usernameAttribute());
        assertEquals("objectGUID", config.uuidAttribute());
        assertEquals(List.of("person", "organizationalPerson", "user"), config.objectClasses());
    }

    @Test
    void secretsNeverInToString() {
        Map<String, String> raw = valid();
        raw.put(LdapConfigProperties.BIND_CREDENTIAL, "s3cret-bind");
        assertFalse(LdapConfig.from(raw::get).toString().contains("s3cret-bind"));
    }

    @Test
    void rejectsBadValues() {
        Map<String, String> raw = valid();
        raw.put(LdapConfigProperties.VENDOR, "novell");
        raw.put(LdapConfigProperties.CONNECTION_URLS, "http://example.com ldap://plain.example.com");
        raw.put(LdapConfigProperties.USERS_DN, "not a dn");
        raw.put(LdapConfigProperties.CUSTOM_USER_FILTER, "(&(a=b)");
        raw.put(LdapConfigProperties.CONNECT_TIMEOUT_MILLIS, "-1");
        raw.put(LdapConfigProperties.USERNAME_ATTRIBUTE, "uid)(x");
        List<String> problems = LdapConfig.from(raw::get).problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("vendor")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("Not an LDAP URL")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("needs ldaps://")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("Users DN")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("custom user filter")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("connectTimeoutMillis")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("attribute name")), problems.toString());
    }

    @Test
    void bindDnNeedsCredentialAndUrlsAreRequired() {
        Map<String, String> raw = valid();
        raw.remove(LdapConfigProperties.BIND_CREDENTIAL);
        raw.remove(LdapConfigProperties.CONNECTION_URLS);
        List<String> problems = LdapConfig.from(raw::get).problems();
        assertTrue(problems.contains("A bind DN needs a bind credential"), problems.toString());
        assertTrue(problems.contains("At least one connection URL is required"), problems.toString());
    }

    @Test
    void startTlsUsesPlainUrls() {
        Map<String, String> raw = valid();
        raw.put(LdapConfigProperties.TLS_MODE, "starttls");
        raw.put(LdapConfigProperties.CONNECTION_URLS, "ldap://dc1.example.com:389");
        assertEquals(List.of(), LdapConfig.from(raw::get).problems());
    }
}
