package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keycloak.models.UserModel;

class DirectorySearchTest {

    static final LdapConfig AD = config("ad");

    static LdapConfig config(String vendor) {
        Map<String, String> raw = new HashMap<>();
        raw.put(LdapConfigProperties.VENDOR, vendor);
        raw.put(LdapConfigProperties.CONNECTION_URLS, "ldaps://dc.example.test");
        raw.put(LdapConfigProperties.TLS_MODE, "ldaps");
        raw.put(LdapConfigProperties.USERS_DN, "OU=People,DC=example,DC=test");
        return LdapConfig.from(raw::get);
    }

    static String filter(Map<String, String> params) {
        return DirectorySearch.filter(AD, params).map(Object::toString).orElse("none");
    }

    @Test
    void theSearchBoxMeansWhatItMeansInKeycloaksOwnStore() {
        // A prefix on username, email, first and last name.
        assertEquals(
                "(|(sAMAccountName=er*)(mail=er*)(givenName=er*)(sn=er*))", filter(Map.of(UserModel.SEARCH, "er")));
        // "quoted" is exact; * is a wildcard, and the end stays open.
        assertEquals(
                "(|(sAMAccountName=erin)(mail=erin)(givenName=erin)(sn=erin))",
                filter(Map.of(UserModel.SEARCH, "\"erin\"")));
        assertTrue(filter(Map.of(UserModel.SEARCH, "e*n")).startsWith("(|(sAMAccountName=e*n*)"));
        // * alone: everyone.
        assertTrue(filter(Map.of(UserModel.SEARCH, "*")).startsWith("(|(sAMAccountName=*)"));
        // Words narrow each other.
        assertTrue(filter(Map.of(UserModel.SEARCH, "erin ev")).startsWith("(&(|(sAMAccountName=erin*)"));
    }

    @Test
    void theAdvancedFieldsMatchAnywhereOrExactly() {
        assertEquals("(mail=*corp*)", filter(Map.of(UserModel.EMAIL, "corp")));
        Map<String, String> exact = new HashMap<>(Map.of(UserModel.USERNAME, "erin", UserModel.EXACT, "true"));
        assertEquals("(sAMAccountName=erin)", filter(exact));
        exact.put(UserModel.LAST_NAME, "Evans");
        String both = filter(exact);
        assertTrue(both.startsWith("(&") && both.contains("(sn=Evans)"), both);
    }

    @Test
    void valuesAreEscapedAndWhatCannotBeAskedAsksNothing() {
        // Filter syntax in a value is data (RFC 4515): parentheses escaped, never a second condition.
        assertEquals(
                "(|(sAMAccountName=\\29\\28objectClass=*)(mail=\\29\\28objectClass=*)(givenName=\\29\\28objectClass=*)"
                        + "(sn=\\29\\28objectClass=*))",
                filter(Map.of(UserModel.SEARCH, ")(objectClass=")));
        assertEquals("none", filter(Map.of(UserModel.SEARCH, "ann\u0000")));
        assertEquals("none", filter(Map.of(UserModel.SEARCH, "")));
        assertEquals("none", filter(Map.of()));
        assertEquals("none", filter(Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "true")), "a plain list asks nothing");
        assertEquals("none", filter(Map.of(UserModel.SEARCH, "er", UserModel.ENABLED, "false")));
        assertEquals("none", filter(Map.of(UserModel.IDP_ALIAS, "google")));
        assertEquals(Optional.empty(), DirectorySearch.filter(AD, Map.of("department", "sales")));
    }

    @Test
    void attributeNamesFollowTheVendor() {
        assertTrue(DirectorySearch.filter(config("openldap"), Map.of(UserModel.SEARCH, "er"))
                .orElseThrow()
                .toString()
                .startsWith("(|(uid=er*)"));
    }
}
