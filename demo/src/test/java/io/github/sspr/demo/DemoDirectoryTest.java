package io.github.sspr.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedResult;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoDirectoryTest {

    private static final Path LDIF = Path.of("..", "realm-exports", "demo-users.ldif");
    private static final Path REALM = Path.of("..", "realm-exports", "demo-realm.json");
    private static final String ALICE = "uid=alice,ou=people," + DemoDirectory.BASE_DN;

    @Test
    void servesTheLdifToTheRealmsBindAccountAndAcceptsPasswordModify() throws Exception {
        try (DemoDirectory directory = DemoDirectory.start(LDIF, 0);
                LDAPConnection admin = new LDAPConnection(
                        "127.0.0.1", directory.port(), DemoDirectory.BIND_DN, DemoDirectory.BIND_PASSWORD)) {
            Entry alice = admin.getEntry(ALICE, "*", "entryUUID");
            assertTrue(alice.hasObjectClass("inetOrgPerson"));
            assertEquals("alice@demo.sspr.test", alice.getAttributeValue("mail"));
            // The realm's LDAP federation uses entryUUID as the user's id: the directory must generate it.
            assertTrue(alice.hasAttribute("entryUUID"));

            // What sspr-ldap does on a password write in OpenLDAP mode (RFC 3062), e.g. against the compose OpenLDAP.
            PasswordModifyExtendedResult result = (PasswordModifyExtendedResult)
                    admin.processExtendedOperation(new PasswordModifyExtendedRequest(ALICE, null, "New-Passw0rd!"));
            assertEquals(ResultCode.SUCCESS, result.getResultCode());

            try (LDAPConnection user = new LDAPConnection("127.0.0.1", directory.port())) {
                user.bind(ALICE, "New-Passw0rd!");
                LDAPException old = assertThrows(LDAPException.class, () -> user.bind(ALICE, "Alice-Passw0rd!"));
                assertEquals(ResultCode.INVALID_CREDENTIALS, old.getResultCode());
            }
        }
    }

    @Test
    void rejectsAnEntryOutsideTheSchema() throws Exception {
        try (DemoDirectory directory = DemoDirectory.start(LDIF, 0);
                LDAPConnection admin = new LDAPConnection(
                        "127.0.0.1", directory.port(), DemoDirectory.BIND_DN, DemoDirectory.BIND_PASSWORD)) {
            LDAPException error = assertThrows(
                    LDAPException.class,
                    () -> admin.add(
                            "dn: uid=x,ou=people," + DemoDirectory.BASE_DN,
                            "objectClass: inetOrgPerson",
                            "uid: x",
                            "cn: X",
                            "sn: X",
                            "noSuchAttribute: y"));
            assertEquals(ResultCode.OBJECT_CLASS_VIOLATION, error.getResultCode());
        }
    }

    /** The directory and the SMTP sink are what the demo realm points at; a change on one side must show here. */
    @Test
    void matchesTheRealmExport() throws Exception {
        JsonNode realm = new ObjectMapper().readTree(REALM.toFile());
        JsonNode component = realm.path("components")
                .path("org.keycloak.storage.UserStorageProvider")
                .get(0);
        // The demo's directory users live on our own provider, so that a person can try writeback in the browser.
        assertEquals("sspr-ldap", component.path("providerId").asText());
        JsonNode ldap = component.path("config");
        URI url = URI.create(ldap.path("connectionUrls").get(0).asText());

        assertEquals("localhost", url.getHost());
        assertEquals(DemoLauncher.LDAP_PORT, url.getPort());
        assertEquals(DemoDirectory.BIND_DN, ldap.path("bindDn").get(0).asText());
        assertEquals(
                DemoDirectory.BIND_PASSWORD, ldap.path("bindCredential").get(0).asText());
        assertTrue(ldap.path("usersDn").get(0).asText().endsWith("," + DemoDirectory.BASE_DN));
        assertEquals("none", ldap.path("tlsMode").get(0).asText());
        assertEquals("true", ldap.path("passwordHashSync").get(0).asText());
        assertEquals("true", ldap.path("unlockOnReset").get(0).asText());

        assertEquals("localhost", realm.path("smtpServer").path("host").asText());
        assertEquals(
                DemoLauncher.SMTP_PORT, realm.path("smtpServer").path("port").asInt());
        assertEquals(DemoLauncher.REALM, realm.path("realm").asText());
    }
}
