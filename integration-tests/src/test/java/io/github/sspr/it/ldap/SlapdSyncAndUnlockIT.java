package io.github.sspr.it.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.testing.Slapd;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.SynchronizationResultRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * {@code sspr-ldap} in OpenLDAP mode against a real {@code slapd} (ppolicy overlay with lockout after 3 failures):
 * on-demand full and changed-users sync and the periodic changed-users sync bring new and changed directory users into
 * Keycloak with their disabled and locked state; the reset flow's unlock step ({@code DirectoryUnlock}) clears a
 * ppolicy lockout and says it was locked; an admin's temporary password sets ppolicy's {@code pwdReset}, a
 * non-temporary one clears it.
 */
@KeycloakIntegrationTest(config = SsprServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class SlapdSyncAndUnlockIT {

    static final String PEOPLE = Slapd.PEOPLE;
    static final String SERVICE_SECRET = "Slapd-Sync-S3rvice";
    static final String GUS_PASSWORD = "Gus-First-Passw0rd";
    static final String GUS_TEMPORARY = "Gus-Temporary-Passw0rd";
    static final String GUS_FINAL = "Gus-Final-Passw0rd";
    static final String OTHER_PASSWORD = "Someone-Passw0rd-1";

    /** Every password this class sends through the server, for {@code ServerLogIT}. */
    public static final List<String> SECRETS = List.of(SERVICE_SECRET, GUS_PASSWORD, GUS_TEMPORARY, GUS_FINAL);

    static Slapd slapd;
    static String componentId;

    @InjectRealm
    ManagedRealm realm;

    @InjectRunOnServer(permittedPackages = "io.github.sspr.it")
    RunOnServerClient onServer;

    @BeforeAll
    static void startSlapd() throws Exception {
        assumeTrue(Slapd.available(), "Debian slapd is not installed");
        slapd = Slapd.startDirectory(SERVICE_SECRET, "pwdLockout: TRUE", "pwdMaxFailure: 3");
        addPerson("gus", GUS_PASSWORD);
    }

    @AfterAll
    static void stopSlapd() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    private static void addPerson(String uid, String password) throws Exception {
        try (LDAPConnection root = slapd.root()) {
            root.add(
                    "dn: uid=" + uid + "," + PEOPLE,
                    "objectClass: inetOrgPerson",
                    "uid: " + uid,
                    "cn: " + uid,
                    "givenName: " + uid,
                    "sn: Sync",
                    "mail: " + uid + "@slapd.sspr.test",
                    "userPassword: " + password);
        }
    }

    private static void modify(String uid, String... changes) throws Exception {
        String[] ldif = new String[changes.length + 2];
        ldif[0] = "dn: uid=" + uid + "," + PEOPLE;
        ldif[1] = "changetype: modify";
        System.arraycopy(changes, 0, ldif, 2, changes.length);
        try (LDAPConnection root = slapd.root()) {
            root.modify(ldif);
        }
    }

    private void ensureComponent() {
        if (componentId != null) {
            return;
        }
        LdapIts.vault(realm.getName(), "sspr-slapd-sync", SERVICE_SECRET);
        componentId = LdapIts.addComponent(
                realm,
                "slapd-sync",
                Map.of(
                        "importEnabled", "true",
                        "vendor", "openldap",
                        "connectionUrls", "ldap://127.0.0.1:" + slapd.port(),
                        "tlsMode", "none",
                        "bindDn", Slapd.SERVICE,
                        "bindCredential", "${vault.sspr-slapd-sync}",
                        "usersDn", PEOPLE,
                        "unlockOnReset", "true"));
    }

    @Test
    @Order(1)
    void onDemandSyncImportsNewUsersAndReadsDisabledAndChangedState() throws Exception {
        ensureComponent();
        addPerson("fay", OTHER_PASSWORD);
        addPerson("hal", OTHER_PASSWORD);
        assertTrue(listed("fay").isEmpty(), "nobody has looked fay up yet");

        SynchronizationResultRepresentation full =
                realm.admin().userStorage().syncUsers(componentId, "triggerFullSync");
        assertEquals(3, full.getAdded(), full.getStatus());
        UserRepresentation fay = listed("fay").orElseThrow();
        assertEquals(componentId, fay.getFederationLink());
        assertEquals("fay@slapd.sspr.test", fay.getEmail());
        assertTrue(listed("hal").orElseThrow().isEnabled());

        // In the directory: fay's address changes, an administrator locks hal for good (ppolicy's permanent lock).
        modify("fay", "replace: mail", "mail: fay.new@slapd.sspr.test");
        modify("hal", "add: pwdAccountLockedTime", "pwdAccountLockedTime: 000001010000Z");
        SynchronizationResultRepresentation changed =
                realm.admin().userStorage().syncUsers(componentId, "triggerChangedUsersSync");
        assertEquals(0, changed.getAdded(), changed.getStatus());
        assertEquals(2, changed.getUpdated(), changed.getStatus());
        assertEquals("fay.new@slapd.sspr.test", listed("fay").orElseThrow().getEmail());
        assertFalse(listed("hal").orElseThrow().isEnabled(), "a permanent directory lock disables the user");
    }

    @Test
    @Order(2)
    void periodicChangedUsersSyncImportsWithoutAnyone() throws Exception {
        ensureComponent();
        ComponentRepresentation rep =
                realm.admin().components().component(componentId).toRepresentation();
        rep.getConfig().putSingle("changedSyncPeriod", "2");
        rep.getConfig().putSingle("bindCredential", "${vault.sspr-slapd-sync}");
        realm.admin().components().component(componentId).update(rep);
        try {
            addPerson("ivy", OTHER_PASSWORD);
            long deadline = System.currentTimeMillis() + 30_000;
            while (listed("ivy").isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
            }
            UserRepresentation ivy = listed("ivy").orElseThrow(() -> new AssertionError("periodic sync never ran"));
            assertEquals(componentId, ivy.getFederationLink());
        } finally {
            rep.getConfig().putSingle("changedSyncPeriod", "-1");
            realm.admin().components().component(componentId).update(rep);
        }
    }

    @Test
    @Order(3)
    void unlockAfterResetClearsThePpolicyLockoutAndSaysItWasLocked() throws Exception {
        ensureComponent();
        assertEquals(200, grant("gus", GUS_PASSWORD));
        try (LDAPConnection connection = new LDAPConnection("127.0.0.1", slapd.port())) {
            for (int i = 0; i < 3; i++) {
                try {
                    connection.bind("uid=gus," + PEOPLE, "wrong-" + i);
                } catch (LDAPException expected) {
                    // invalidCredentials: ppolicy counts it
                }
            }
        }
        assertEquals(400, grant("gus", GUS_PASSWORD), "locked in the directory: the right password fails too");
        realm.admin().userStorage().syncUsers(componentId, "triggerFullSync");
        assertEquals("true", onServer.fetchString(OnServer.directoryLocked(realm.getName(), "gus")));

        assertEquals("UNLOCKED true", onServer.fetchString(OnServer.unlock(realm.getName(), "gus")));
        assertEquals("false", onServer.fetchString(OnServer.directoryLocked(realm.getName(), "gus")));
        try (LDAPConnection root = slapd.root()) {
            assertFalse(
                    root.getEntry("uid=gus," + PEOPLE, "pwdAccountLockedTime").hasAttribute("pwdAccountLockedTime"));
        }
        assertEquals(200, grant("gus", GUS_PASSWORD));
        // Not locked any more: the step still succeeds, and says there was nothing to unlock.
        assertEquals("UNLOCKED false", onServer.fetchString(OnServer.unlock(realm.getName(), "gus")));
        assertEquals("UNLOCKED", onServer.fetchString(OnServer.afterReset(realm.getName(), "gus")));
    }

    @Test
    @Order(4)
    void temporaryAdminPasswordSetsPwdResetAndAPermanentOneClearsIt() throws Exception {
        ensureComponent();
        assertEquals(200, grant("gus", GUS_PASSWORD));
        reset("gus", GUS_TEMPORARY, true);
        assertEquals("TRUE", pwdReset("gus"));
        assertTrue(user("gus").getRequiredActions().contains("UPDATE_PASSWORD"));

        reset("gus", GUS_FINAL, false);
        assertEquals(null, pwdReset("gus"));
        assertFalse(user("gus").getRequiredActions().contains("UPDATE_PASSWORD"));
        assertEquals(200, grant("gus", GUS_FINAL));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static String pwdReset(String uid) throws LDAPException {
        try (LDAPConnection root = slapd.root()) {
            return root.getEntry("uid=" + uid + "," + PEOPLE, "pwdReset").getAttributeValue("pwdReset");
        }
    }

    private Optional<UserRepresentation> listed(String username) {
        return LdapIts.listed(realm, username);
    }

    private UserRepresentation user(String username) {
        return realm.admin().users().get(listed(username).orElseThrow().getId()).toRepresentation();
    }

    private void reset(String username, String password, boolean temporary) {
        LdapIts.reset(realm, listed(username).orElseThrow().getId(), password, temporary);
    }

    private int grant(String username, String password) {
        return LdapIts.grant(realm.getName(), username, password);
    }
}
