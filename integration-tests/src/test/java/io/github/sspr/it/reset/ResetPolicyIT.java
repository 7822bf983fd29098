package io.github.sspr.it.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.RealmManagementRoles;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import jakarta.ws.rs.BadRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * How the policy shapes the reset flow, over plain HTTP: one gate or two, gate 2 of another factor than gate 1 (SMS and
 * voice are one phone), privileged users (always two gates, never questions), and the security-questions gate (K of N
 * drawn, re-drawn after a wrong set, never saying which answer was wrong, never the only gate).
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ResetPolicyIT {

    private static final String NEW_PASSWORD = "Policy-N3w-Passw0rd!";

    private static final Map<String, List<String>> TWO_GATES = Map.of(
            "methods", List.of("email", "sms", "voice"),
            "gatesRequired", List.of("2"),
            "orgName", List.of("SSPR Demo"));

    private static final Map<String, List<String>> TWO_GATES_WITH_QUESTIONS = Map.of(
            "methods", List.of("email", "sms", "voice", "questions"),
            "gatesRequired", List.of("2"),
            "questionsToRegister", List.of("5"),
            "questionsToAnswer", List.of("3"),
            "orgName", List.of("SSPR Demo"));

    /** The five questions and answers the questions test registers; the answers are distinctive for the log check. */
    private static final Map<String, String> ANSWERS = inOrder(
            "What was the first concert you went to?", "Quokka Harmonies",
            "What was the first name of your best friend when you were a child?", "Zebulon Quill",
            "In what town or city did your parents meet?", "Vladivostok Pier",
            "What was the surname of your first schoolteacher?", "Wainwright-Oyelaran",
            "What nickname did your family call you as a child?", "Pumpernickel Sprout");

    /** An unmodifiable map of question → answer pairs in the order given (the order they are registered in). */
    private static Map<String, String> inOrder(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static final List<String> QUESTION_IDS = List.of(
            "first-concert",
            "childhood-best-friend",
            "parents-meeting-town",
            "first-teacher-surname",
            "childhood-nickname");

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @BeforeEach
    void twilioAccepts() {
        TwilioFake.acceptAll(twilio);
    }

    @Test
    void twoGatesNeedTwoFactorsAndEmailIsNotOfferedTwice() {
        String phone = UsedSecrets.addPhone("+14155550181");
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "pia", true, phone);
        try (PolicyFixture policy = PolicyFixture.apply(realm, TWO_GATES)) {
            ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
            // The total is not shown before a gate is passed (it would tell privileged accounts and decoys apart).
            assertFalse(client.has("sspr-progress"));
            assertEquals(
                    List.of("email", "sms", "voice"),
                    List.copyOf(client.options().keySet()));

            passEmail(client, user);
            assertEquals("sspr-reset-choose.ftl", client.template(), client.body());
            assertEquals("Done. Now verify with another method.", client.alert());
            assertEquals("Verification 2 of 2", client.text("sspr-progress"));
            assertEquals(List.of("sms", "voice"), List.copyOf(client.options().keySet()), "email passed already");

            client.action("choose", "method", "email");
            assertEquals("That method cannot be used now. Choose another.", client.fieldError("method"));
            assertEquals(List.of("sms", "voice"), List.copyOf(client.options().keySet()));

            passSms(client, phone, 1);
            assertEquals("sspr-reset-password.ftl", client.template(), client.body());
            setPassword(client);
            assertTrue(AdminApi.passwordGrant(realm.getName(), user.username(), NEW_PASSWORD)
                            .length()
                    > 20);
            List<EventRepresentation> events = realm.admin().getEvents(null, null, user.id(), null, null, null, 0, 100);
            assertTrue(
                    events.stream()
                            .anyMatch(e -> "succeeded".equals(detail(e, "sspr_outcome"))
                                    && "email,sms".equals(detail(e, "sspr_methods"))),
                    events.toString());
        }
    }

    @Test
    void smsAndVoiceAreOnePhoneFactor() {
        String phone = UsedSecrets.addPhone("+14155550182");
        ResetUsers.Created both = ResetUsers.create(realm.admin(), "quin", true, phone);
        String phoneOnlyNumber = UsedSecrets.addPhone("+14155550183");
        ResetUsers.Created phoneOnly = ResetUsers.create(realm.admin(), "rory", false, phoneOnlyNumber);
        try (PolicyFixture policy = PolicyFixture.apply(realm, TWO_GATES)) {
            ResetClient client = new ResetClient(realm.getName()).openReset().identify(both.username(), null);
            passSms(client, phone, 1);
            assertEquals(List.of("email"), List.copyOf(client.options().keySet()), "voice reaches the same phone");
            client.action("choose", "method", "voice");
            assertEquals("That method cannot be used now. Choose another.", client.fieldError("method"));
            assertTrue(
                    TwilioFake.requestsTo(twilio, TwilioFake.callsPath(), phone).isEmpty(), "no call was placed");

            // A phone alone cannot pass two gates: that user walks the decoy path (same pages, nothing sent).
            ResetClient decoy = new ResetClient(realm.getName()).openReset().identify(phoneOnly.username(), null);
            assertEquals("sspr-reset-choose.ftl", decoy.template());
            assertFalse(decoy.has("sspr-progress"), "no total before a gate is passed, for real and decoy alike");
            assertEquals("unregistered", decoyCause(phoneOnly.username()), "the event says why; the page does not");
        }
    }

    @Test
    void unknownNamesShowPhonesFromTheCountriesRealUsersHave() {
        String phone = UsedSecrets.addPhone("+14155550186");
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "tove", true, phone);
        Map<String, List<String>> brazilFirst = Map.of(
                "methods", List.of("email", "sms"),
                "gatesRequired", List.of("1"),
                "phoneCountries", List.of("BR", "US"));
        try (PolicyFixture policy = PolicyFixture.apply(realm, brazilFirst)) {
            String real = new ResetClient(realm.getName())
                    .openReset()
                    .identify(user.username(), null)
                    .options()
                    .get("sms");
            assertTrue(real.contains("+14"), real);
            int phones = 0;
            for (int i = 0; i < 12; i++) {
                String sms = new ResetClient(realm.getName())
                        .openReset()
                        .identify("nobody-" + i + "-" + java.util.UUID.randomUUID(), null)
                        .options()
                        .get("sms");
                if (sms != null) {
                    phones++;
                    // Every registered phone in this realm is American: a +55 would mark the name as unknown.
                    assertTrue(sms.contains("+1"), sms);
                    assertFalse(sms.contains("+55"), sms);
                }
            }
            assertTrue(phones > 0, "some decoys show a phone, as most real users here have one");
        }
    }

    @Test
    void oneGateLeadsStraightToTheNewPassword() {
        String phone = UsedSecrets.addPhone("+14155550184");
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "sami", true, phone);
        // The demo realm's own policy: one gate of email, SMS or voice.
        ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        assertFalse(client.has("sspr-progress"));
        client.action("choose", "method", "voice");
        String code =
                UsedSecrets.add(TwilioFake.spokenCode(TwilioFake.await(twilio, TwilioFake.callsPath(), phone, 1), 6));
        client.action("verify", "code", code);
        assertEquals("sspr-reset-password.ftl", client.template(), client.body());
    }

    @Test
    void privilegedUsersAlwaysNeedTwoGatesAndNeverQuestions() {
        String phone = UsedSecrets.addPhone("+14155550185");
        ResetUsers.Created admin =
                ResetUsers.create(realm.admin(), "tess", true, phone, List.of(ResetUsers.davesQuestions()));
        RealmManagementRoles.grant(realm.admin(), admin.id(), "manage-users");
        ResetUsers.Created adminWithoutPhone =
                ResetUsers.create(realm.admin(), "umar", true, null, List.of(ResetUsers.davesQuestions()));
        RealmManagementRoles.grant(realm.admin(), adminWithoutPhone.id(), "manage-users");
        ResetUsers.Created ordinary =
                ResetUsers.create(realm.admin(), "ugo", true, null, List.of(ResetUsers.davesQuestions()));

        // The demo policy asks one gate; an admin gets two.
        ResetClient client = new ResetClient(realm.getName()).openReset().identify(admin.username(), null);
        assertFalse(client.has("sspr-progress"), "the first page does not tell a privileged account from others");
        assertEquals(
                List.of("email", "sms", "voice"), List.copyOf(client.options().keySet()));
        passSms(client, phone, 1);
        assertEquals("Verification 2 of 2", client.text("sspr-progress"));
        assertEquals(List.of("email"), List.copyOf(client.options().keySet()));
        passEmail(client, admin);
        assertEquals("sspr-reset-password.ftl", client.template(), client.body());

        try (PolicyFixture policy = PolicyFixture.apply(realm, TWO_GATES_WITH_QUESTIONS)) {
            // Where an ordinary user with the same methods is offered questions, an admin is not.
            ResetClient other = new ResetClient(realm.getName()).openReset().identify(ordinary.username(), null);
            assertEquals(
                    List.of("email", "questions"), List.copyOf(other.options().keySet()));
            ResetClient privileged =
                    new ResetClient(realm.getName()).openReset().identify(admin.username(), null);
            assertEquals(
                    List.of("email", "sms", "voice"),
                    List.copyOf(privileged.options().keySet()));
            privileged.action("choose", "method", "questions");
            assertEquals("That method cannot be used now. Choose another.", privileged.fieldError("method"));

            // Email and questions are two factors for anyone else, but questions do not count for an admin.
            ResetClient decoy =
                    new ResetClient(realm.getName()).openReset().identify(adminWithoutPhone.username(), null);
            assertEquals("sspr-reset-choose.ftl", decoy.template());
            assertEquals("unregistered", decoyCause(adminWithoutPhone.username()));
        }
    }

    @Test
    void questionsAreNeverTheOnlyGate() {
        ResetUsers.Created questionsOnly =
                ResetUsers.create(realm.admin(), "wyn", false, null, List.of(ResetUsers.davesQuestions()));
        // A one-gate policy with questions is refused when saved, not discovered at a reset.
        assertThrows(
                BadRequestException.class,
                () -> PolicyFixture.apply(
                                realm, Map.of("methods", List.of("email", "questions"), "gatesRequired", List.of("1")))
                        .close());
        try (PolicyFixture policy = PolicyFixture.apply(realm, TWO_GATES_WITH_QUESTIONS)) {
            ResetClient client = new ResetClient(realm.getName()).openReset().identify(questionsOnly.username(), null);
            assertEquals("sspr-reset-choose.ftl", client.template(), "the same page as anyone's");
            assertEquals("unregistered", decoyCause(questionsOnly.username()), "questions alone cannot pass");
        }
    }

    @Test
    void securityQuestionsAreDrawnAndRedrawnAndNeverSayWhichAnswerWasWrong() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "xena", true, null);
        ANSWERS.values().forEach(UsedSecrets::add);
        try (PolicyFixture policy = PolicyFixture.apply(realm, TWO_GATES_WITH_QUESTIONS)) {
            registerQuestions(user);

            ResetClient client = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
            assertEquals(
                    List.of("email", "questions"), List.copyOf(client.options().keySet()));
            assertEquals("Answer 3 of your security questions", client.options().get("questions"));
            client.action("choose", "method", "questions");
            assertEquals("sspr-reset-questions.ftl", client.template(), client.body());

            List<List<String>> draws = new ArrayList<>();
            String previousPage = null;
            // Four wrong sets (the fifth failure in an hour would block the gate): one answer wrong, then another,
            // then all. The page is the same each time but for the questions drawn.
            for (int wrong : new int[] {0, 2, -1, 1}) {
                List<String> asked = askedQuestions(client);
                draws.add(asked);
                Map<String, String> form = answers(asked);
                for (int i = 0; i < asked.size(); i++) {
                    if (wrong == -1 || wrong == i) {
                        form.put("answer-" + i, "Wrong Answer " + i);
                    }
                }
                client.submit("sspr-questions-form", form);
                assertEquals("sspr-reset-questions.ftl", client.template(), client.body());
                assertEquals("Your answers do not match. Try these questions.", client.alert());
                for (int i = 0; i < 3; i++) {
                    assertFalse(client.has("input-error-answer-" + i), "no answer is singled out");
                    assertEquals("false", ariaInvalid(client, i));
                }
                String page = withoutQuestions(client);
                if (previousPage != null) {
                    assertEquals(previousPage, page, "which answer was wrong does not change the page");
                }
                previousPage = page;
            }
            List<String> asked = askedQuestions(client);
            draws.add(asked);
            Set<Set<String>> distinct = new HashSet<>();
            draws.forEach(d -> distinct.add(Set.copyOf(d)));
            // 3 of 5 gives 10 sets; five equal draws in a row would happen once in 10,000 runs.
            assertTrue(distinct.size() > 1, "a wrong set re-draws the questions: " + draws);

            client.submit("sspr-questions-form", answers(asked));
            assertEquals("sspr-reset-choose.ftl", client.template(), client.body());
            assertEquals("Verification 2 of 2", client.text("sspr-progress"));
            assertEquals(List.of("email"), List.copyOf(client.options().keySet()));
            passEmail(client, user);
            assertEquals("sspr-reset-password.ftl", client.template(), client.body());

            List<EventRepresentation> events = realm.admin().getEvents(null, null, user.id(), null, null, null, 0, 200);
            assertEquals(
                    4,
                    events.stream()
                            .filter(e -> "invalid_answers".equals(e.getError()))
                            .count(),
                    events.toString());
            for (String answer : ANSWERS.values()) {
                assertFalse(events.toString().contains(answer), "no answer in any event");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Registers the five questions through the registration required action, as the person would. */
    private void registerQuestions(ResetUsers.Created user) {
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), ResetUsers.PASSWORD, "sspr-register");
            browser.click("sspr-add-questions");
            List<String> answers = List.copyOf(ANSWERS.values());
            for (int i = 0; i < QUESTION_IDS.size(); i++) {
                browser.select("question-" + i, QUESTION_IDS.get(i)).type("answer-" + i, answers.get(i));
            }
            browser.click("sspr-save");
            assertEquals("Your security questions are saved.", browser.alert(), browser.html());
        }
    }

    private static List<String> askedQuestions(ResetClient client) {
        List<String> asked = new ArrayList<>();
        for (int i = 0; client.has("sspr-question-" + i); i++) {
            asked.add(client.text("sspr-question-" + i));
        }
        assertEquals(3, asked.size(), client.body());
        assertEquals(3, Set.copyOf(asked).size(), "three different questions");
        assertTrue(ANSWERS.keySet().containsAll(asked), "only registered questions: " + asked);
        return asked;
    }

    private static Map<String, String> answers(List<String> asked) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("sspr-action", "answer");
        for (int i = 0; i < asked.size(); i++) {
            // Case and spaces do not matter (answers are normalized).
            form.put("answer-" + i, "  " + ANSWERS.get(asked.get(i)).toUpperCase() + " ");
        }
        return form;
    }

    private static String ariaInvalid(ResetClient client, int i) {
        String value = client.element("answer-" + i).attr("aria-invalid");
        return value.isEmpty() ? "false" : value;
    }

    private static String withoutQuestions(ResetClient client) {
        String page = client.normalizedBody();
        for (String question : ANSWERS.keySet()) {
            page = page.replace(question, "QUESTION");
        }
        return page;
    }

    private void passEmail(ResetClient client, ResetUsers.Created user) {
        int before = mail.getReceivedMessages().length;
        client.action("choose", "method", "email");
        assertEquals("sspr-reset-code.ftl", client.template(), client.body());
        String code = UsedSecrets.add(Mails.codeSentTo(mail, user.recoveryEmail(), before, 8));
        client.action("verify", "code", code);
    }

    private void passSms(ResetClient client, String phone, int nth) {
        client.action("choose", "method", "sms");
        assertEquals("sspr-reset-code.ftl", client.template(), client.body());
        String code =
                UsedSecrets.add(TwilioFake.smsCode(TwilioFake.await(twilio, TwilioFake.messagesPath(), phone, nth), 6));
        client.action("verify", "code", code);
        assertNotEquals("sspr-reset-code.ftl", client.template(), client.body());
    }

    private void setPassword(ResetClient client) {
        client.submit(
                "sspr-password-form",
                Map.of("sspr-action", "set", "password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD));
        assertEquals("Your password has been changed. Sign in with your new password.", client.alert());
    }

    /** The decoy cause the identify step recorded for {@code username} (events of decoys carry no user id). */
    private String decoyCause(String username) {
        return realm.admin().getEvents(List.of("RESET_PASSWORD"), null, null, null, null, null, 0, 1000).stream()
                .filter(e ->
                        e.getDetails() != null && username.equals(e.getDetails().get("username")))
                .map(e -> e.getDetails().get("sspr_decoy"))
                .filter(cause -> cause != null)
                .findFirst()
                .orElse(null);
    }

    private static String detail(EventRepresentation e, String key) {
        return e.getDetails() == null ? null : e.getDetails().get(key);
    }
}
