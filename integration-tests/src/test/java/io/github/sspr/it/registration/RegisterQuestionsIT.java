package io.github.sspr.it.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.SsprServerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Under a policy with two gates and security questions: answers are checked field by field, saved hashed, the admin
 * sees which questions (never the answers), privileged users are not offered questions, and two methods of different
 * kinds are needed before sign-in goes on.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class RegisterQuestionsIT {

    private static final Map<String, List<String>> TWO_GATES_WITH_QUESTIONS = Map.of(
            "methods", List.of("email", "sms", "voice", "questions"),
            "gatesRequired", List.of("2"),
            "questionsToRegister", List.of("3"),
            "questionsToAnswer", List.of("3"),
            "phoneCountries", List.of("DE"),
            "orgName", List.of("Example Corp"),
            "helpdeskLink", List.of("https://help.example.test/"));

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @Test
    void answersAreCheckedNextToEachFieldThenSavedHashed() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "quinn");
        try (PolicyFixture policy = PolicyFixture.apply(realm, TWO_GATES_WITH_QUESTIONS);
                LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            assertEquals("Example Corp", browser.text("sspr-org"), "branding from the policy");
            assertTrue(browser.has("sspr-helpdesk"));
            browser.click("sspr-add-questions");
            assertEquals("Security questions", browser.title());

            // Same question twice, a too-short answer, an answer with the question's words, a repeated answer.
            browser.select("question-0", "first-concert").type("answer-0", "my first concert");
            browser.select("question-1", "first-concert").type("answer-1", "ab");
            browser.select("question-2", "parents-meeting-town").type("answer-2", "Lisbon");
            browser.click("sspr-save");
            assertEquals("Your answer must not repeat words of the question.", browser.fieldError("answer-0"));
            assertEquals("You chose this question already. Choose a different one.", browser.fieldError("question-1"));
            assertEquals("Answers must be 3 to 40 characters long.", browser.fieldError("answer-1"));
            assertNull(browser.fieldError("answer-2"));
            // Accepted answers stay filled in; refused ones are cleared (never echoed); chosen questions stay chosen.
            assertEquals("Lisbon", browser.attribute("answer-2", "value"));
            assertEquals("", browser.attribute("answer-0", "value"));
            assertEquals("", browser.attribute("answer-1", "value"));
            assertFalse(browser.html().contains("my first concert"), "a refused answer is not echoed back");

            browser.select("question-0", "first-concert").type("answer-0", "Harbour Lights");
            browser.select("question-1", "childhood-best-friend").type("answer-1", "lisbon ");
            browser.select("question-2", "parents-meeting-town").type("answer-2", "Lisbon");
            browser.click("sspr-save");
            assertEquals("Give a different answer to each question.", browser.fieldError("answer-2"));

            browser.select("question-1", "childhood-best-friend").type("answer-1", "Tobias");
            browser.type("answer-0", "Harbour Lights").type("answer-2", "Lisbon");
            browser.click("sspr-save");
            assertEquals("Your security questions are saved.", browser.alert());
            assertEquals("3 questions answered", browser.text("sspr-value-questions"));
        }

        CredentialRepresentation questions = realm.admin().users().get(user.id()).credentials().stream()
                .filter(c -> c.getType().equals("sspr-security-questions"))
                .findFirst()
                .orElseThrow();
        assertTrue(questions.getCredentialData().contains("childhood-best-friend"), questions.getCredentialData());
        assertFalse(questions.getCredentialData().toLowerCase().contains("tobias"));
        assertNull(questions.getSecretData());
        EventRepresentation event =
                realm.admin().getEvents(List.of("UPDATE_CREDENTIAL"), null, user.id(), null, null, null, 0, 20).stream()
                        .filter(e -> "questions".equals(e.getDetails().get("sspr_method")))
                        .findFirst()
                        .orElseThrow();
        assertFalse(event.getDetails().toString().toLowerCase().contains("tobias"));
        realm.admin().users().get(user.id()).removeCredential(questions.getId());
    }

    @Test
    void answersTheAccountGivesAwayAreRefusedWithTheReason() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "wren");
        try (PolicyFixture policy = PolicyFixture.apply(realm, TWO_GATES_WITH_QUESTIONS);
                LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
            browser.click("sspr-add-questions");

            browser.select("question-0", "first-album").type("answer-0", DemoUsers.PASSWORD);
            browser.select("question-1", "first-cinema-film").type("answer-1", user.username());
            browser.select("question-2", "childhood-hero").type("answer-2", "123");
            browser.click("sspr-save");
            assertEquals(
                    "Your answer must not be your password: an answer is easier to learn than a password, and would"
                            + " give it away.",
                    browser.fieldError("answer-0"));
            assertEquals(
                    "Your answer must not be or contain your username: anyone who knows the account knows it.",
                    browser.fieldError("answer-1"));
            assertEquals(
                    "This answer is too common: it is among the first an attacker would try. Choose an answer only"
                            + " you know.",
                    browser.fieldError("answer-2"));
            assertFalse(browser.html().contains(DemoUsers.PASSWORD), "the password is not echoed back");

            browser.type("answer-0", "Blue Train")
                    .type("answer-1", user.email())
                    .type("answer-2", "Pippi");
            browser.click("sspr-save");
            assertEquals(
                    "Your answer must not be or contain your email address: anyone who knows the account knows it.",
                    browser.fieldError("answer-1"));

            browser.type("answer-0", "Blue Train").type("answer-1", "Jaws").type("answer-2", "Pippi");
            browser.click("sspr-save");
            assertEquals("Your security questions are saved.", browser.alert());
        }
        String errors = realm
                .admin()
                .getEvents(List.of("UPDATE_CREDENTIAL_ERROR"), null, user.id(), null, null, null, 0, 20)
                .stream()
                .map(e -> e.getDetails().toString())
                .reduce("", String::concat);
        assertTrue(errors.contains("sspr.questions.error.answerPassword"), errors);
        assertFalse(errors.contains(DemoUsers.PASSWORD), "the event names the rule, never the answer");
    }

    @Test
    void twoGatesNeedTwoKindsOfMethodAtSignIn() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "rae");
        try (PolicyFixture policy = PolicyFixture.apply(realm, TWO_GATES_WITH_QUESTIONS);
                LoginBrowser browser = new LoginBrowser()) {
            browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, null);
            assertEquals("Set up password reset", browser.title());
            String address = user.username() + ".alt@elsewhere.test";
            int before = mail.getReceivedMessages().length;
            browser.click("sspr-add-email").type("email", address).click("sspr-send");
            browser.type("code", Mails.codeSentTo(mail, address, before, 8)).click("sspr-verify");
            browser.click("sspr-done");
            assertEquals("Set up at least 2 methods before you continue.", browser.fieldError("methods"));

            browser.click("sspr-add-questions");
            browser.select("question-0", "first-album").type("answer-0", "Blue Train");
            browser.select("question-1", "first-cinema-film").type("answer-1", "Jaws");
            browser.select("question-2", "childhood-hero").type("answer-2", "Pippi");
            browser.click("sspr-save");
            browser.click("sspr-done");
            assertTrue(browser.signedIn(), browser.url());
        }
    }

    @Test
    void onlyAllowedCountriesAndNoQuestionsForPrivilegedUsers() {
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "sol");
        try (PolicyFixture policy = PolicyFixture.apply(realm, TWO_GATES_WITH_QUESTIONS)) {
            try (LoginBrowser browser = new LoginBrowser()) {
                browser.signIn(realm.getName(), user.username(), DemoUsers.PASSWORD, "sspr-register");
                browser.click("sspr-add-phone").type("phone", "+14155550199").click("sspr-send");
                assertEquals(
                        "Numbers in this country cannot be used. Choose another number.", browser.fieldError("phone"));
            }
            try (LoginBrowser browser = new LoginBrowser()) {
                browser.signIn(realm.getName(), "helpdesk", "Helpdesk-Passw0rd!", "sspr-register");
                assertTrue(browser.has("sspr-method-email"), browser.html());
                assertFalse(browser.has("sspr-method-questions"), "admins are never offered security questions");
            }
        }
    }
}
