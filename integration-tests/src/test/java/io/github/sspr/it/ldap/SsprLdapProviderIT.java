package io.github.sspr.it.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import io.github.sspr.it.support.Artifacts;
import io.github.sspr.it.support.SsprServerConfig;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.SynchronizationResultRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * {@code sspr-ldap} inside a real Keycloak against its own UnboundID in-memory directory (port 10390, not the demo's):
 * lookup by username and email with import, login by bind, admin-reset writeback checked by binding on the directory,
 * generic and OpenLDAP write modes, on-demand sync, and an outage — logins go on with the synced hash, a reset fails
 * with 400 and leaves Keycloak's password as it was, and the pool recovers once the directory is back.
 */
@KeycloakIntegrationTest(config = SsprServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class SsprLdapProviderIT {

    static final int PORT = 10390;
    static final String BASE = "dc=ldapit,dc=sspr,dc=test";
    static final String PEOPLE = "ou=people," + BASE;
    static final String BIND_DN = "cn=keycloak,ou=services," + BASE;
    static final String BIND_SECRET = "Ldap-It-Bind-S3cret";
    static final String VAULT_KEY = "sspr-ldap-bind";

    static final String ANN_PASSWORD = "Ann-Ldap-Passw0rd!";
    static final String ANN_RESET = "Ann-Reset-Passw0rd!";
    static final String ANN_RESET_2 = "Ann-Reset2-Passw0rd!";
    static final String ANN_OUTAGE = "Ann-Outage-Passw0rd!";
    static final String ANN_RECOVERED = "Ann-Recovered-Passw0rd!";
    static final String BOB_PASSWORD = "Bob-Ldap-Passw0rd!";
    static final String BOB_DIRECT = "Bob-Direct-Passw0rd!";
    static final String CARL_PASSWORD = "Carl-Ldap-Passw0rd!";
    static final String DORA_PASSWORD = "Dora-Ldap-Passw0rd!";

    /** Every password this class sends through the server, for {@code ServerLogIT}. */
    public static final List<String> SECRETS = List.of(
            BIND_SECRET,
            ANN_PASSWORD,
            ANN_RESET,
            ANN_RESET_2,
            ANN_OUTAGE,
            ANN_RECOVERED,
            BOB_PASSWORD,
            BOB_DIRECT,
            CARL_PASSWORD,
            DORA_PASSWORD);

    static InMemoryDirectoryServer directory;

    @InjectRealm
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    static String componentId;

    @BeforeAll
    static void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("default", PORT));
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: " + BASE, "objectClass: domain", "dc: ldapit");
        directory.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: ou=services," + BASE, "objectClass: organizationalUnit", "ou: services");
        directory.add(
                "dn: " + BIND_DN,
                "objectClass: person",
                "cn: keycloak",
                "sn: Keycloak",
                "userPassword: " + BIND_SECRET);
        addPerson("ann", "Ann", "Archer", ANN_PASSWORD);
        addPerson("bob", "Bob", "Baker", BOB_PASSWORD);
        addPerson("carl", "Carl", "Cole", CARL_PASSWORD);
        directory.startListening();
    }

    private static void addPerson(String uid, String first, String last, String password) throws Exception {
        directory.add(
                "dn: uid=" + uid + "," + PEOPLE,
                "objectClass: inetOrgPerson",
                "objectClass: organizationalPerson",
                "objectClass: person",
                "uid: " + uid,
                "cn: " + first + " " + last,
                "givenName: " + first,
                "sn: " + last,
                "mail: " + uid + "@ldapit.sspr.test",
                "userPassword: " + password);
    }

    @AfterAll
    static void stopDirectory() {
        if (directory != null) {
            directory.shutDown(true);
        }
    }

    private ComponentRepresentation component(String vendor, String urls) {
        ComponentRepresentation rep = new ComponentRepresentation();
        rep.setName("sspr-directory");
        rep.setProviderId("sspr-ldap");
        rep.setProviderType("org.keycloak.storage.UserStorageProvider");
        rep.setParentId(realm.getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("enabled", "true");
        // After the built-in provider of the migration test, so that it imports dora first.
        config.putSingle("priority", "10");
        config.putSingle("vendor", vendor);
        config.putSingle("connectionUrls", urls);
        config.putSingle("tlsMode", "none");
        config.putSingle("bindDn", BIND_DN);
        config.putSingle("bindCredential", "${vault." + VAULT_KEY + "}");
        config.putSingle("usersDn", PEOPLE);
        config.putSingle("connectTimeoutMillis", "2000");
        config.putSingle("responseTimeoutMillis", "3000");
        rep.setConfig(config);
        return rep;
    }

    private void ensureComponent() throws IOException {
        if (componentId != null) {
            return;
        }
        // The bind credential comes from Keycloak's file vault (<realm>_<key>), never from the component.
        Path vault = Artifacts.dir().resolve("vault");
        Files.createDirectories(vault);
        Files.writeString(vault.resolve(realm.getName() + "_" + VAULT_KEY), BIND_SECRET);
        try (Response response = realm.admin().components().add(component("generic", "ldap://localhost:" + PORT))) {
            assertEquals(201, response.getStatus());
            String location = response.getLocation().getPath();
            componentId = location.substring(location.lastIndexOf('/') + 1);
        }
    }

    @Test
    @Order(1)
    void invalidConfigurationIsRejectedWhenSaved() {
        ComponentRepresentation bad = component("generic", "http://localhost:" + PORT);
        bad.getConfig().putSingle("usersDn", "not a DN");
        try (Response response = realm.admin().components().add(bad)) {
            assertEquals(400, response.getStatus());
            String body = response.readEntity(String.class);
            assertTrue(body.contains("Not an LDAP URL") && body.contains("Users DN"), body);
        }
    }

    @Test
    @Order(2)
    void loginBindsAndImportsTheUser() throws IOException {
        ensureComponent();
        assertEquals(200, grant("ann", ANN_PASSWORD));
        assertEquals(400, grant("ann", "wrong-" + ANN_PASSWORD.substring(0, 3)));
        assertEquals(400, grant("nobody-here", "whatever"));

        UserRepresentation ann = user("ann");
        assertEquals(componentId, ann.getFederationLink());
        assertEquals("ann@ldapit.sspr.test", ann.getEmail());
        assertEquals("Ann", ann.getFirstName());
        assertEquals("Archer", ann.getLastName());
        // LDAP_ID / LDAP_ENTRY_DN are unmanaged attributes: the user profile hides them from the admin API.
    }

    @Test
    @Order(3)
    void lookupByEmailImportsToo() throws IOException {
        ensureComponent();
        assertEquals(200, grant("bob@ldapit.sspr.test", BOB_PASSWORD));
        assertEquals(componentId, user("bob").getFederationLink());
    }

    @Test
    @Order(4)
    void adminResetIsWrittenToTheDirectory() throws Exception {
        ensureComponent();
        grant("ann", ANN_PASSWORD);
        reset("ann", ANN_RESET);
        assertTrue(directoryAccepts("uid=ann," + PEOPLE, ANN_RESET));
        assertTrue(!directoryAccepts("uid=ann," + PEOPLE, ANN_PASSWORD));
        assertEquals(200, grant("ann", ANN_RESET));
        assertEquals(400, grant("ann", ANN_PASSWORD));
    }

    @Test
    @Order(5)
    void openLdapModeUsesThePasswordModifyOperation() throws Exception {
        ensureComponent();
        ComponentRepresentation rep =
                realm.admin().components().component(componentId).toRepresentation();
        rep.getConfig().putSingle("vendor", "openldap");
        rep.getConfig().putSingle("bindCredential", "${vault." + VAULT_KEY + "}");
        realm.admin().components().component(componentId).update(rep);

        reset("ann", ANN_RESET_2);
        assertTrue(directoryAccepts("uid=ann," + PEOPLE, ANN_RESET_2));
        assertEquals(200, grant("ann", ANN_RESET_2));
    }

    @Test
    @Order(6)
    void aPasswordChangedInTheDirectoryRetiresKeycloaksHash() throws Exception {
        ensureComponent();
        assertEquals(200, grant("bob", BOB_PASSWORD)); // Keycloak now holds a hash of BOB_PASSWORD
        directory.modify(
                "dn: uid=bob," + PEOPLE, "changetype: modify", "replace: userPassword", "userPassword: " + BOB_DIRECT);
        assertEquals(400, grant("bob", BOB_PASSWORD), "the directory said no: the stale hash must not let bob in");
        assertEquals(200, grant("bob", BOB_DIRECT));
    }

    @Test
    @Order(7)
    void onDemandSyncImportsUsersWhoNeverLoggedIn() throws IOException {
        ensureComponent();
        // Keycloak's own store only: a search would ask the directory (and import carl on the way).
        assertTrue(LdapIts.listed(realm, "carl").isEmpty());
        SynchronizationResultRepresentation result =
                realm.admin().userStorage().syncUsers(componentId, "triggerFullSync");
        assertTrue(result.getAdded() >= 1, result.getStatus());
        assertEquals(componentId, user("carl").getFederationLink());
    }

    @Test
    @Order(8)
    void outageLoginsUseTheHashResetsFailCleanlyAndThePoolRecovers() throws Exception {
        ensureComponent();
        assertEquals(200, grant("ann", ANN_RESET_2));

        directory.shutDown(true);
        try {
            // Hash sync: the login works without the directory.
            assertEquals(200, grant("ann", ANN_RESET_2));
            assertEquals(400, grant("ann", ANN_OUTAGE));

            // A reset fails fast with a clear 400, and Keycloak's password is not changed.
            long start = System.nanoTime();
            BadRequestException failed = assertThrows(BadRequestException.class, () -> reset("ann", ANN_OUTAGE));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 10_000, "reset took " + millis + " ms with the directory down");
            String body = failed.getResponse().readEntity(String.class);
            assertTrue(body.contains("ssprLdapUnreachable"), body);
            assertEquals(200, grant("ann", ANN_RESET_2));
            assertEquals(400, grant("ann", ANN_OUTAGE));
        } finally {
            directory.startListening();
        }

        // Back: the pool replaces its dead connections without a restart.
        reset("ann", ANN_RECOVERED);
        assertTrue(directoryAccepts("uid=ann," + PEOPLE, ANN_RECOVERED));
        assertEquals(200, grant("ann", ANN_RECOVERED));
        assertEquals(400, grant("ann", ANN_RESET_2));
    }

    @Test
    @Order(9)
    void usersOfTheBuiltInProviderMigrateAfterADryRun() throws Exception {
        ensureComponent();
        // dora joins the directory only now, so that the built-in provider is the one that imports her.
        addPerson("dora", "Dora", "Dunn", DORA_PASSWORD);
        ComponentRepresentation builtIn = new ComponentRepresentation();
        builtIn.setName("built-in-directory");
        builtIn.setProviderId("ldap");
        builtIn.setProviderType("org.keycloak.storage.UserStorageProvider");
        builtIn.setParentId(realm.getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        Map.ofEntries(
                        Map.entry("enabled", "true"),
                        Map.entry("priority", "0"),
                        Map.entry("vendor", "other"),
                        Map.entry("editMode", "READ_ONLY"),
                        Map.entry("importEnabled", "true"),
                        Map.entry("connectionUrl", "ldap://localhost:" + PORT),
                        Map.entry("usersDn", PEOPLE),
                        Map.entry("bindDn", BIND_DN),
                        Map.entry("bindCredential", "${vault." + VAULT_KEY + "}"),
                        Map.entry("authType", "simple"),
                        Map.entry("usernameLDAPAttribute", "uid"),
                        Map.entry("rdnLDAPAttribute", "uid"),
                        Map.entry("uuidLDAPAttribute", "entryUUID"),
                        Map.entry("userObjectClasses", "inetOrgPerson, organizationalPerson"),
                        Map.entry("searchScope", "1"),
                        Map.entry("pagination", "false"),
                        Map.entry("fullSyncPeriod", "-1"),
                        Map.entry("changedSyncPeriod", "-1"))
                .forEach(config::putSingle);
        builtIn.setConfig(config);
        String builtInId;
        try (Response response = realm.admin().components().add(builtIn)) {
            assertEquals(201, response.getStatus());
            String location = response.getLocation().getPath();
            builtInId = location.substring(location.lastIndexOf('/') + 1);
        }
        assertEquals(200, grant("dora", DORA_PASSWORD));
        assertEquals(builtInId, user("dora").getFederationLink());

        String migrate = "/sspr/ldap/migrate?from=" + builtInId + "&to=" + componentId;
        JsonNode dryRun = adminCall("POST", migrate);
        assertTrue(dryRun.path("dryRun").asBoolean());
        assertEquals(1, dryRun.path("users").asInt(), dryRun.toString());
        assertEquals(builtInId, user("dora").getFederationLink(), "a dry run changes nothing");

        JsonNode applied = adminCall("POST", migrate + "&dryRun=false");
        assertEquals(1, applied.path("users").asInt(), applied.toString());
        assertEquals(componentId, user("dora").getFederationLink());

        // The old component can go now: dora stays, and logs in through sspr-ldap.
        realm.admin().components().component(builtInId).remove();
        assertEquals(componentId, user("dora").getFederationLink());
        assertEquals(200, grant("dora", DORA_PASSWORD));
    }

    @Test
    @Order(10)
    void healthShowsReachabilityAndTheLastWriteback() throws Exception {
        ensureComponent();
        JsonNode health = adminCall("GET", "/sspr/ldap/" + componentId + "/health");
        assertTrue(health.path("reachable").asBoolean(), health.toString());
        assertEquals("openldap", health.path("vendor").asText());
        assertTrue(health.path("lastWriteback").path("ok").asBoolean(), health.toString());
        JsonNode test = adminCall("POST", "/sspr/ldap/" + componentId + "/test");
        assertTrue(test.path("reachable").asBoolean(), test.toString());
    }

    private JsonNode adminCall(String method, String path) throws Exception {
        return LdapIts.adminCall(admin, realm.getName(), method, path);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private UserRepresentation user(String username) {
        List<UserRepresentation> found = realm.admin().users().search(username, true);
        assertEquals(1, found.size(), "users named " + username);
        return found.get(0);
    }

    private void reset(String username, String password) {
        UserResource user = realm.admin().users().get(user(username).getId());
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.resetPassword(credential);
    }

    private static boolean directoryAccepts(String dn, String password) throws Exception {
        try (LDAPConnection connection = new LDAPConnection("localhost", PORT)) {
            connection.bind(dn, password);
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return false;
            }
            throw e;
        }
    }

    /** Status of a password grant through the realm's admin-cli client. */
    private int grant(String username, String password) {
        return LdapIts.grant(realm.getName(), username, password);
    }
}
