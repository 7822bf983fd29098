package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import io.github.sspr.testing.Slapd;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenLDAP's password expiry against a real slapd with the ppolicy overlay (docs/insight.md, "Password-expiry
 * reminders"): {@code pwdChangedTime} plus the default policy's {@code pwdMaxAge} (10 days here), a user's own
 * {@code pwdPolicySubentry} (1 day) winning over it, and no expiry without a policy to read. Skipped where the Debian
 * {@code slapd} package is not installed.
 */
class SlapdPasswordExpiryTest {

    static final String PEOPLE = Slapd.PEOPLE;
    static final String SECRET = "Service-Acc0unt-Secret";
    static final String DEFAULT_POLICY = "cn=default,ou=policies," + Slapd.SUFFIX;
    static final String SHORT_POLICY = "cn=short,ou=policies," + Slapd.SUFFIX;
    static final long DAY = Duration.ofDays(1).toMillis();

    static Slapd slapd;
    static LDAPConnectionPool pool;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Slapd.available(), "Debian slapd is not installed");
        slapd = Slapd.startDirectory(SECRET, "pwdMaxAge: 864000");
        try (LDAPConnection root = slapd.root()) {
            root.add(
                    "dn: " + SHORT_POLICY,
                    "objectClass: person",
                    "objectClass: pwdPolicy",
                    "cn: short",
                    "sn: short",
                    "pwdAttribute: userPassword",
                    "pwdMaxAge: 86400");
            person(root, "ivy");
            person(root, "jon", "pwdPolicySubentry: " + SHORT_POLICY);
        }
        pool = LdapConnections.open(config(DEFAULT_POLICY), SECRET, "");
    }

    private static void person(LDAPConnection root, String uid, String... extra) throws Exception {
        List<String> ldif = new java.util.ArrayList<>(List.of(
                "dn: uid=" + uid + "," + PEOPLE,
                "objectClass: inetOrgPerson",
                "uid: " + uid,
                "cn: " + uid,
                "sn: Expiry",
                "userPassword: " + uid + "-First-Passw0rd"));
        ldif.addAll(List.of(extra));
        root.add(ldif.toArray(String[]::new));
    }

    static LdapConfig config(String ppolicyDn) {
        Map<String, String> raw = new HashMap<>();
        raw.put(LdapConfigProperties.VENDOR, "openldap");
        raw.put(LdapConfigProperties.CONNECTION_URLS, "ldap://127.0.0.1:" + slapd.port());
        raw.put(LdapConfigProperties.TLS_MODE, "none");
        raw.put(LdapConfigProperties.BIND_DN, Slapd.SERVICE);
        raw.put(LdapConfigProperties.BIND_CREDENTIAL, SECRET);
        raw.put(LdapConfigProperties.USERS_DN, PEOPLE);
        raw.put(LdapConfigProperties.CONNECT_TIMEOUT_MILLIS, "1000");
        raw.put(LdapConfigProperties.PPOLICY_DN, ppolicyDn);
        LdapConfig config = LdapConfig.from(raw::get);
        assertEquals(List.of(), config.problems());
        return config;
    }

    @AfterAll
    static void stop() throws Exception {
        if (pool != null) {
            pool.close();
        }
        if (slapd != null) {
            slapd.close();
        }
    }

    @Test
    void pwdChangedTimePlusTheDefaultPolicysMaxAge() throws Exception {
        long[] ivy = new LdapDirectory(pool, config(DEFAULT_POLICY))
                .passwordExpiry("uid=ivy," + PEOPLE)
                .orElseThrow();
        assertTrue(Math.abs(System.currentTimeMillis() - ivy[0]) < 10 * 60_000, "set when the entry was added");
        assertEquals(10 * DAY, ivy[1] - ivy[0]);
    }

    @Test
    void aUsersOwnPolicyWins() throws Exception {
        long[] jon = new LdapDirectory(pool, config(DEFAULT_POLICY))
                .passwordExpiry("uid=jon," + PEOPLE)
                .orElseThrow();
        assertEquals(DAY, jon[1] - jon[0]);
    }

    @Test
    void withoutAPolicyToReadThePasswordDoesNotExpire() throws Exception {
        assertEquals(Optional.empty(), new LdapDirectory(pool, config("")).passwordExpiry("uid=ivy," + PEOPLE));
    }
}
