package io.github.sspr.it.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.testing.Slapd;
import jakarta.ws.rs.BadRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * {@code sspr-ldap} in OpenLDAP mode inside a real Keycloak against a real {@code slapd} with the ppolicy overlay:
 * login by bind, an admin reset written with RFC 3062 password modify, and the overlay's refusals (too short, in
 * history) reaching the admin as the rule's own message key, with Keycloak's password left as it was.
 */
@KeycloakIntegrationTest(config = SsprServerConfig.class)
public class SlapdWritebackIT {

    static final String PEOPLE = Slapd.PEOPLE;
    static final String SERVICE = Slapd.SERVICE;
    static final String SERVICE_SECRET = "Slapd-Service-S3cret";
    static final String FIRST = "Erin-First-Passw0rd";
    static final String SECOND = "Erin-Second-Passw0rd";

    /** Every password this class sends through the server, for {@code ServerLogIT}. */
    public static final List<String> SECRETS = List.of(SERVICE_SECRET, FIRST, SECOND);

    static Slapd slapd;

    @InjectRealm
    ManagedRealm realm;

    @BeforeAll
    static void startSlapd() throws Exception {
        assumeTrue(Slapd.available(), "Debian slapd is not installed");
        slapd = Slapd.startDirectory(SERVICE_SECRET);
        try (LDAPConnection root = slapd.root()) {
            root.add(
                    "dn: uid=erin," + PEOPLE,
                    "objectClass: inetOrgPerson",
                    "uid: erin",
                    "cn: Erin Evans",
                    "givenName: Erin",
                    "sn: Evans",
                    "mail: erin@slapd.sspr.test",
                    "userPassword: " + FIRST);
        }
    }

    @AfterAll
    static void stopSlapd() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    @Test
    void openLdapWritebackAndPerRuleRefusals() throws Exception {
        LdapIts.vault(realm.getName(), "sspr-slapd-bind", SERVICE_SECRET);
        LdapIts.addComponent(
                realm,
                "slapd",
                Map.of(
                        "vendor",
                        "openldap",
                        "connectionUrls",
                        "ldap://127.0.0.1:" + slapd.port(),
                        "tlsMode",
                        "none",
                        "bindDn",
                        SERVICE,
                        "bindCredential",
                        "${vault.sspr-slapd-bind}",
                        "usersDn",
                        PEOPLE));

        assertEquals(200, grant("erin", FIRST));
        reset("erin", SECOND);
        assertEquals(200, grant("erin", SECOND));
        int old = grant("erin", FIRST);
        // Refused: Keycloak 26.7 answers invalid_grant with 400, 26.5 with 401 (docs/operations.md).
        assertTrue(old == 400 || old == 401, "the old password still signs in: " + old);

        assertRefused("Short-1", "ssprLdapPasswordTooShort");
        assertRefused(FIRST, "ssprLdapPasswordInHistory");
        // Refusals change nothing, in the directory or in Keycloak.
        assertEquals(200, grant("erin", SECOND));
    }

    private void assertRefused(String password, String messageKey) {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> reset("erin", password));
        String body = refused.getResponse().readEntity(String.class);
        assertTrue(body.contains(messageKey), body);
    }

    private void reset(String username, String password) {
        List<UserRepresentation> found = realm.admin().users().search(username, true);
        assertEquals(1, found.size());
        LdapIts.reset(realm, found.get(0).getId(), password, false);
    }

    private int grant(String username, String password) {
        return LdapIts.grant(realm.getName(), username, password);
    }
}
