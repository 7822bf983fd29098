package io.github.sspr.it.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * "Account unlock": a reset clears Keycloak's brute-force lockout and signs out the user's other sessions; a failed or
 * cancelled reset changes nothing; the unlock-only path unlocks without a new password.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ResetUnlockIT {

    private static final String NEW_PASSWORD = "Unl0cked-Passw0rd!";

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @Test
    void aFailedResetKeepsTheLockoutAndASuccessfulOneClearsItAndSignsOutEverywhere() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "lena", true, null);
        // A session elsewhere (say, on a stolen laptop): a token with a refresh token.
        String before = AdminApi.passwordGrant(realm.getName(), user.username(), ResetUsers.PASSWORD);
        assertTrue(before.length() > 20);
        assertEquals(1, realm.admin().users().get(user.id()).getUserSessions().size());

        lockOut(user.username());
        assertTrue(locked(user.id()), "five wrong passwords lock the account");

        // A reset that stops half-way (a wrong code, then cancel) unlocks nothing.
        ResetClient failed = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        var beforeFailed = Mails.seen(mail);
        failed.action("choose", "method", "email");
        // Codes are sent a moment after the answer: wait for this one, so that it is not taken for the next flow's.
        Mails.codeTo(mail, user.recoveryEmail(), beforeFailed, 8);
        failed.action("verify", "code", "00000000");
        failed.action("cancel");
        assertEquals("Password reset cancelled.", failed.alert(), failed.body());
        assertTrue(locked(user.id()), "a cancelled reset keeps the lockout");

        ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        var sent = Mails.seen(mail);
        client.action("choose", "method", "email");
        String code = Mails.codeTo(mail, user.recoveryEmail(), sent, 8);
        client.action("verify", "code", code);
        client.submit(
                "sspr-password-form",
                Map.of("sspr-action", "set", "password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD));
        assertTrue(client.body().contains("Your password has been changed"), client.body());

        assertFalse(locked(user.id()), "a successful reset clears the lockout");
        assertEquals(0, realm.admin().users().get(user.id()).getUserSessions().size(), "other sessions are gone");
        assertTrue(AdminApi.passwordGrant(realm.getName(), user.username(), NEW_PASSWORD)
                        .length()
                > 20);

        List<EventRepresentation> events =
                realm.admin().getEvents(List.of("RESET_PASSWORD"), null, user.id(), null, null, null, 0, 100);
        assertTrue(
                events.stream().anyMatch(e -> "true".equals(e.getDetails().get("sspr_was_locked"))),
                "the unlock step says the account was locked: " + events);
    }

    @Test
    void theUnlockPathUnlocksWithoutANewPassword() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "milo", true, null);
        lockOut(user.username());
        assertTrue(locked(user.id()));

        ResetClient client = new ResetClient(realm.getName()).openReset();
        assertTrue(client.has("sspr-mode-unlock"), "the policy offers unlock without reset");
        client.identify(user.username(), "unlock");
        var sent = Mails.seen(mail);
        client.action("choose", "method", "email");
        String code = Mails.codeTo(mail, user.recoveryEmail(), sent, 8);
        client.action("verify", "code", code);
        assertNotEquals("sspr-reset-password.ftl", client.template(), "no new password in unlock mode");
        assertTrue(client.body().contains("Your account is unlocked"), client.body());

        assertFalse(locked(user.id()));
        assertTrue(AdminApi.passwordGrant(realm.getName(), user.username(), ResetUsers.PASSWORD)
                        .length()
                > 20);
    }

    private void lockOut(String username) {
        for (int i = 0; i < 5; i++) {
            assertThrows(
                    IllegalStateException.class,
                    () -> AdminApi.passwordGrant(realm.getName(), username, "Wrong-Passw0rd-" + username));
        }
    }

    private boolean locked(String userId) {
        Map<String, Object> status = realm.admin().attackDetection().bruteForceUserStatus(userId);
        return Boolean.TRUE.equals(status.get("disabled"));
    }
}
