package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LdapDirectoryFilterTest {

    private final LdapConfig config = LdapConfig.from(Map.of(
            LdapConfigProperties.CONNECTION_URLS, "ldap://localhost:389",
            LdapConfigProperties.TLS_MODE, "none",
            LdapConfigProperties.USERS_DN, "ou=people,dc=example,dc=com",
            LdapConfigProperties.CUSTOM_USER_FILTER, "(employeeType=staff)")::get);

    @Test
    void valuesAreEscapedPerRfc4515() {
        assertEquals(
                "(&(objectClass=inetOrgPerson)(objectClass=organizationalPerson)(employeeType=staff)"
                        + "(uid=\\2a\\29\\28uid=\\2a\\5c00))",
                DirectoryUsers.userFilter(config, "uid", "*)(uid=*\\00").toString());
    }

    @Test
    void nulAndNonAsciiAreEscaped() {
        assertEquals(
                "(&(objectClass=inetOrgPerson)(objectClass=organizationalPerson)(employeeType=staff)"
                        + "(mail=a\\00b@ex.com))",
                DirectoryUsers.userFilter(config, "mail", "a\u0000b@ex.com").toString());
    }
}
