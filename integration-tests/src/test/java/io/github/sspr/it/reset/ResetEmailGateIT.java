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
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * The SSPR reset flow of the demo realm over plain HTTP with the alternate-email gate (the demo policy asks for one
 * gate): the happy path and the ways a code must fail.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ResetEmailGateIT {

    private static final String NEW_PASSWORD = "Brand-N3w-Passw0rd!";

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectTimeOffSet
    TimeOffSet clock;

    @Test
    void aUserResetsWithAnEmailedCodeAndSignsInWithTheNewPassword() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "erin", true, null);
        ResetClient client = new ResetClient(realm.getName()).openReset();
        assertEquals("sspr-reset-identify.ftl", client.template());
        assertTrue(client.has("sspr-helpdesk"), "helpdesk link on every SSPR page");

        client.identify(user.username(), null);
        assertEquals("sspr-reset-choose.ftl", client.template(), client.body());
        Map<String, String> options = client.options();
        assertEquals(List.of("email"), List.copyOf(options.keySet()), "only the registered method is offered");
        assertTrue(options.get("email").contains("@elsewhere.test"), options.toString());
        assertFalse(client.body().contains(user.recoveryEmail()), "the address is masked");

        var before = Mails.seen(mail);
        client.action("choose", "method", "email");
        assertEquals("sspr-reset-code.ftl", client.template(), client.body());
        String code = Mails.codeTo(mail, user.recoveryEmail(), before, 8);

        var afterCode = Mails.seen(mail);
        client.action("verify", "code", code);
        assertEquals("sspr-reset-password.ftl", client.template(), client.body());
        assertTrue(client.has("sspr-rule-length"), "the realm's rules are shown up front");

        client.submit("sspr-password-form", Map.of("password-new", "short", "password-confirm", "short"));
        assertEquals("sspr-reset-password.ftl", client.template());
        // Said once, in our words: one sentence under the field, the broken rules marked in the checklist above —
        // never Keycloak's own grammar ("Invalid password: minimum length 10.") under a checklist that words it
        // otherwise.
        assertEquals("This password does not meet the rules marked \u2717 above.", client.fieldError("password-new"));
        assertFalse(client.body().contains("Invalid password"), client.body());
        assertTrue(client.element("sspr-rule-length").hasClass("sspr-rule--unmet"), client.body());
        assertEquals(
                "At least 10 characters",
                client.element("sspr-rule-length")
                        .selectFirst(".sspr-rule__text")
                        .text());

        client.submit(
                "sspr-password-form",
                Map.of("sspr-action", "set", "password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD));
        assertTrue(client.body().contains("Your password has been changed"), client.body());
        assertTrue(client.has("username") && client.has("password"), "back on the sign-in page, not signed in");

        // The user is told, at the account address and the recovery address, without the code or the password.
        for (String address : List.of(user.email(), user.recoveryEmail())) {
            String notice = Mails.text(Mails.newMailTo(mail, address, afterCode));
            assertTrue(notice.contains("127.0.0.1") || notice.contains("0:0:0:0"), notice);
            assertFalse(notice.contains(code) || notice.contains(NEW_PASSWORD), notice);
        }

        assertTrue(AdminApi.passwordGrant(realm.getName(), user.username(), NEW_PASSWORD)
                        .length()
                > 20);
        assertThrows(
                IllegalStateException.class,
                () -> AdminApi.passwordGrant(realm.getName(), user.username(), ResetUsers.PASSWORD));

        // One terminal event for the flow, with the method used; no code in any event.
        List<EventRepresentation> events = realm.admin().getEvents(null, null, user.id(), null, null, null, 0, 100);
        long outcomes = events.stream()
                .filter(e -> e.getDetails() != null && e.getDetails().containsKey("sspr_outcome"))
                .count();
        assertEquals(1, outcomes, events.toString());
        assertFalse(events.toString().contains(code));
    }

    @Test
    void fiveWrongCodesBlockTheGateAndTheRightCodeIsThenRefused() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "finn", true, null);
        ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        var before = Mails.seen(mail);
        client.action("choose", "method", "email");
        String code = Mails.codeTo(mail, user.recoveryEmail(), before, 8);
        String wrong = code.equals("00000000") ? "11111111" : "00000000";
        String codeForm = client.formAction("sspr-code-form");
        for (int i = 4; i >= 1; i--) {
            client.action("verify", "code", wrong);
            assertEquals(
                    "That code is not right. " + (i == 1 ? "1 try" : i + " tries") + " left.",
                    client.fieldError("code"));
        }
        // The fifth failure in an hour blocks the account's email gate for 24 h (docs/architecture.md) and ends the
        // flow.
        client.action("verify", "code", wrong);
        assertTrue(client.alert().startsWith("Too many attempts."), client.body());
        // A day-long block in words a person uses (not "1,440 minutes").
        assertTrue(client.alert().contains("try again in 24 hours"), client.alert());
        assertTrue(client.has("password"), "back on the sign-in page");

        client.postTo(codeForm, Map.of("sspr-action", "verify", "code", code));
        assertNotEquals("sspr-reset-password.ftl", client.template(), "the right code no longer works");

        // A new flow cannot use the blocked gate either (and the user's only method is blocked: the flow says so).
        ResetClient again = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        assertTrue(again.alert().startsWith("Too many attempts."), again.body());

        // Blocks never touch normal sign-in.
        assertTrue(AdminApi.passwordGrant(realm.getName(), user.username(), ResetUsers.PASSWORD)
                        .length()
                > 20);
    }

    @Test
    void expiredReplayedAndForeignCodesAreRefused() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "gwen", true, null);

        // Another flow's code (same user, another browser) proves nothing here.
        ResetClient other = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        var before = Mails.seen(mail);
        other.action("choose", "method", "email");
        String foreign = Mails.codeTo(mail, user.recoveryEmail(), before, 8);

        ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        before = Mails.seen(mail);
        client.action("choose", "method", "email");
        String code = Mails.codeTo(mail, user.recoveryEmail(), before, 8);
        if (!foreign.equals(code)) {
            client.action("verify", "code", foreign);
            assertEquals("sspr-reset-code.ftl", client.template());
            assertTrue(client.fieldError("code").startsWith("That code is not right."), client.body());
        }

        // Expired: five minutes and a second later.
        clock.set(5 * 60 + 1);
        try {
            client.action("verify", "code", code);
            assertEquals("That code has expired. Send a new code.", client.fieldError("code"));
        } finally {
            clock.set(0);
        }

        // Used once, then replayed.
        before = Mails.seen(mail);
        clock.set(31);
        try {
            client.action("resend");
            String fresh = Mails.codeTo(mail, user.recoveryEmail(), before, 8);
            String action = client.formAction("sspr-code-form");
            client.action("verify", "code", fresh);
            assertEquals("sspr-reset-password.ftl", client.template());
            client.postTo(action, Map.of("sspr-action", "verify", "code", fresh));
            assertNotEquals("sspr-reset-code.ftl", client.template(), "the used code cannot verify again");
        } finally {
            clock.set(0);
        }
    }

    @Test
    void resendWaitsForTheCooldownAndTryAnotherWayNeverPassesAGate() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "hana", true, "+14155550142");
        ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        assertEquals(
                List.of("email", "sms", "voice"), List.copyOf(client.options().keySet()));
        var before = Mails.seen(mail);
        client.action("choose", "method", "email");
        Mails.codeTo(mail, user.recoveryEmail(), before, 8);
        client.action("resend");
        assertTrue(client.fieldError("code").startsWith("Wait "), client.body());

        client.action("other");
        assertEquals("sspr-reset-choose.ftl", client.template());
        assertEquals(3, client.options().size(), "no gate was passed by going back");
        String passwordExecution = realm.admin().flows().getExecutions("sspr reset credentials").stream()
                .filter(e -> "sspr-reset-password".equals(e.getProviderId()))
                .findFirst()
                .orElseThrow()
                .getId();
        String passwordStep =
                client.formAction("sspr-choose-form").replaceAll("execution=[^&]+", "execution=" + passwordExecution);
        client.postTo(
                passwordStep,
                Map.of("password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD, "sspr-action", "set"));
        assertNotEquals("sspr-reset-password.ftl", client.template());
        assertThrows(
                IllegalStateException.class,
                () -> AdminApi.passwordGrant(realm.getName(), user.username(), NEW_PASSWORD));
    }

    @Test
    void aFlowSendsAtMostFiveCodesThenEndsAndTenMailsInTenMinutesBlockTheGate() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "nora", true, null);
        // The throttle counts in fixed 10-minute windows: start just after a window begins, so that the moves past the
        // 30 s cooldown below (4.5 minutes in all) stay inside one window whatever the wall-clock time.
        int windowStart = (int) (600 - (System.currentTimeMillis() / 1000) % 600 + 1);
        try {
            clock.set(windowStart);
            ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
            client.action("choose", "method", "email");
            for (int resend = 1; resend <= 4; resend++) {
                clock.set(windowStart + 31 * resend); // past the 30 s cooldown each time
                client.action("resend");
                assertEquals("sspr-reset-code.ftl", client.template(), "send " + (resend + 1));
                assertEquals("", client.fieldError("code"), client.body());
            }
            clock.set(windowStart + 31 * 5);
            client.action("resend");
            assertEquals("Too many codes were sent in this attempt. Start again.", client.alert(), client.body());

            // A second flow may send again, until the account's 10 code mails in 10 minutes are used up.
            ResetClient second = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
            second.action("choose", "method", "email");
            for (int resend = 1; resend <= 4; resend++) {
                clock.set(windowStart + 31 * (5 + resend));
                second.action("resend");
            }
            ResetClient third = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
            third.action("choose", "method", "email");
            assertTrue(third.alert().startsWith("Too many attempts."), third.body());
        } finally {
            clock.set(0);
        }
        assertTrue(AdminApi.passwordGrant(realm.getName(), user.username(), ResetUsers.PASSWORD)
                        .length()
                > 20);
    }

    @Test
    void unknownDisabledAndUnregisteredUsersSeeTheSamePagesAndNothingIsSent() {
        ResetUsers.Created real = ResetUsers.create(realm.admin(), "ivan", true, "+14155550155");
        ResetUsers.Created disabled = ResetUsers.create(realm.admin(), "judy", true, "+14155550166");
        var rep = realm.admin().users().get(disabled.id()).toRepresentation();
        rep.setEnabled(false);
        realm.admin().users().get(disabled.id()).update(rep);
        ResetUsers.Created unregistered = ResetUsers.create(realm.admin(), "kim", false, null);

        ResetClient reference = new ResetClient(realm.getName()).openReset().identify(real.username(), null);
        var before = Mails.seen(mail);
        for (String name :
                List.of("nobody-" + real.id().substring(0, 6), disabled.username(), unregistered.username())) {
            ResetClient probe = new ResetClient(realm.getName()).openReset().identify(name, null);
            assertEquals(reference.status(), probe.status(), name);
            assertEquals(reference.chain(), probe.chain(), name);
            assertEquals(reference.template(), probe.template(), name);
            assertEquals(
                    normalize(reference.normalizedBody(), real.username()),
                    normalize(probe.normalizedBody(), name),
                    name);
            assertFalse(probe.options().isEmpty(), name + " is offered methods like anyone");
            String method = probe.options().keySet().iterator().next();
            probe.action("choose", "method", method);
            assertEquals("sspr-reset-code.ftl", probe.template(), name);
            probe.action("verify", "code", "12345678");
            assertTrue(probe.fieldError("code").startsWith("That code is not right."), name + ": " + probe.body());
        }
        // Sends run after commit: wait for a real one that was asked for after the probes, then look for decoy mail.
        ResetClient control = new ResetClient(realm.getName()).openReset().identify(real.username(), null);
        control.action("choose", "method", "email");
        Mails.codeTo(mail, real.recoveryEmail(), before, 8);
        assertFalse(Mails.anyNewMailTo(mail, disabled.recoveryEmail(), before), "the decoy path sends nothing");
        assertFalse(Mails.anyNewMailTo(mail, disabled.email(), before), "the decoy path sends nothing");
        assertFalse(Mails.anyNewMailTo(mail, unregistered.email(), before), "the decoy path sends nothing");

        // The true cause is in the events only.
        List<EventRepresentation> events =
                realm.admin().getEvents(List.of("RESET_PASSWORD"), null, null, null, null, null, 0, 500);
        assertTrue(events.stream().anyMatch(e -> "unknown".equals(detail(e, "sspr_decoy"))), events.toString());
        assertTrue(events.stream().anyMatch(e -> "disabled".equals(detail(e, "sspr_decoy"))));
        assertTrue(events.stream().anyMatch(e -> "unregistered".equals(detail(e, "sspr_decoy"))));
    }

    private static String detail(EventRepresentation e, String key) {
        return e.getDetails() == null ? null : e.getDetails().get(key);
    }

    private static String normalize(String body, String username) {
        return body.replace(username, "USER");
    }
}
