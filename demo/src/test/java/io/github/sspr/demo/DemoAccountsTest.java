package io.github.sspr.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reads the real demo files: the banner must show what the directory and the realm actually hold. */
class DemoAccountsTest {

    private static final Path LDIF = Path.of("..", "realm-exports", "demo-users.ldif");
    private static final Path REALM = Path.of("..", "realm-exports", "demo-realm.json");

    @Test
    void listsTheDirectoryPeopleThenTheLocalUsers() throws Exception {
        List<DemoAccounts.Account> accounts = DemoAccounts.read(LDIF, REALM);

        assertEquals(
                List.of(
                        new DemoAccounts.Account("alice", "Alice-Passw0rd!", "LDAP", ""),
                        new DemoAccounts.Account("bob", "Bob-Passw0rd!", "LDAP", ""),
                        new DemoAccounts.Account("carol", "Carol-Passw0rd!", "local", ""),
                        new DemoAccounts.Account("dave", "Dave-Passw0rd!", "local", ""),
                        new DemoAccounts.Account(
                                "helpdesk",
                                "Helpdesk-Passw0rd!",
                                "local",
                                "realm-management: manage-users, view-users, view-events"),
                        new DemoAccounts.Account(
                                "itadmin",
                                "Realm-Adm1n-Passw0rd!",
                                "local",
                                "realm-management: view-realm, manage-realm, view-users, view-events")),
                accounts);
    }

    @Test
    void theBannerShowsTheUrlsTheAccountsAndTheOutbox() throws Exception {
        String banner = Banner.render(
                "demo",
                DemoAccounts.read(LDIF, REALM),
                "/repo/.demo/outbox.jsonl",
                Optional.empty(),
                Duration.ofSeconds(61));

        assertTrue(banner.contains("started in 61 s"), banner);
        assertTrue(banner.contains("http://localhost:8080/admin   (admin / admin"), banner);
        assertTrue(banner.contains("http://localhost:8080/realms/demo/account"), banner);
        assertTrue(banner.contains("alice     Alice-Passw0rd!        LDAP"), banner);
        assertTrue(banner.contains("helpdesk  Helpdesk-Passw0rd!     local, realm-management: manage-users"), banner);
        assertTrue(banner.contains("itadmin   Realm-Adm1n-Passw0rd!  local, realm-management: view-realm"), banner);
        assertTrue(banner.contains("/repo/.demo/outbox.jsonl"), banner);
        assertTrue(banner.contains("Ctrl-C stops Keycloak, the directory"), banner);
        assertFalse(banner.contains("Active Directory"), banner);
    }

    @Test
    void withADomainControllerTheBannerSaysWhereAndListsItsPeople() throws Exception {
        List<DemoAccounts.Account> accounts = new ArrayList<>(DemoAccounts.read(LDIF, REALM));
        accounts.add(new DemoAccounts.Account("adam", "Sunrise-Harbor-42", "Active Directory", "adam@sspr.test"));
        String banner = Banner.render(
                "demo",
                accounts,
                "/repo/.demo/outbox.jsonl",
                Optional.of("ldaps://127.0.0.77:636   (Samba)"),
                Duration.ofSeconds(70));

        assertTrue(banner.contains("  Active Directory ldaps://127.0.0.77:636   (Samba)\n"), banner);
        assertTrue(banner.contains("adam      Sunrise-Harbor-42      Active Directory, adam@sspr.test"), banner);
        assertTrue(banner.contains("Ctrl-C stops Keycloak, the domain controller, the directory"), banner);
    }
}
