package io.github.sspr.it.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * An admin deletes a user's recovery phone, then their security questions, through the admin REST API the admin
 * console's Credentials tab calls ({@code DELETE /admin/realms/{realm}/users/{id}/credentials/{credentialId}}). At the
 * next sign-in the user is asked to register again, with what is left shown as registered, and cannot click through;
 * when the policy does not require registration, sign-in goes on.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class AdminRemovesMethodsIT {

    private static final String PHONE_TYPE = "sspr-recovery-phone";
    private static final String QUESTIONS_TYPE = "sspr-security-questions";

    /** Two gates: the phone and the questions together are enough, either alone is not. */
    private static final Map<String, List<String>> TWO_GATES = Map.of(
            "methods", List.of("email", "sms", "voice", "questions"),
            "gatesRequired", List.of("2"),
            "questionsToRegister", List.of("3"),
            "questionsToAnswer", List.of("3"),
            "phoneCountries", List.of("US"),
            "requireRegistration", List.of("true"));

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @Test
    void deletedPhoneAndQuestionsAreAskedForAgainAtTheNextSignIn() {
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "nia", false, "+14155550142");
        UserResource admin = realm.admin().users().get(user.id());
        try (PolicyFixture policy = PolicyFixture.apply(realm, TWO_GATES)) {
            // With only the phone, sign-in asks for a second method; the user adds security questions.
            try (LoginBrowser browser = new LoginBrowser()) {
                browser.signIn(realm.getName(), user.username(), ResetUsers.PASSWORD, null);
                assertEquals("Set up password reset", browser.title());
                assertEquals("+14*******42", browser.text("sspr-value-phone"));
                browser.click("sspr-add-questions");
                browser.select("question-0", "first-album").type("answer-0", "Blue Train");
                browser.select("question-1", "first-cinema-film").type("answer-1", "Jaws");
                browser.select("question-2", "childhood-hero").type("answer-2", "Pippi");
                browser.click("sspr-save");
                assertEquals("3 questions answered", browser.text("sspr-value-questions"));
                browser.click("sspr-done");
                assertTrue(browser.signedIn(), browser.url());
            }
            // Enough methods: the next sign-in goes straight through.
            try (LoginBrowser browser = new LoginBrowser()) {
                browser.signIn(realm.getName(), user.username(), ResetUsers.PASSWORD, null);
                assertTrue(browser.signedIn(), "no registration page with enough methods: " + browser.url());
            }

            // The admin sees both methods, without their secrets, and deletes the phone.
            CredentialRepresentation phone = credential(admin, PHONE_TYPE);
            CredentialRepresentation questions = credential(admin, QUESTIONS_TYPE);
            assertNull(phone.getSecretData(), "the admin API never returns the number");
            assertNull(questions.getSecretData(), "nor the answers' hashes");
            assertEquals("+14*******42", phone.getUserLabel());
            admin.removeCredential(phone.getId());
            assertTrue(
                    types(admin).stream().noneMatch(PHONE_TYPE::equals),
                    types(admin).toString());

            try (LoginBrowser browser = new LoginBrowser()) {
                browser.signIn(realm.getName(), user.username(), ResetUsers.PASSWORD, null);
                assertEquals("Set up password reset", browser.title(), "asked again: " + browser.url());
                assertEquals("Not set up", browser.text("sspr-value-phone"));
                assertEquals("3 questions answered", browser.text("sspr-value-questions"));
                assertFalse(browser.html().contains("+14155550142"));
                browser.click("sspr-done");
                assertEquals("Set up at least 2 methods before you continue.", browser.fieldError("methods"));
                assertFalse(browser.signedIn(), "the requirement is not clicked away");
            }

            // Then the questions: nothing is left, and both show as not set up.
            admin.removeCredential(questions.getId());
            assertTrue(
                    types(admin).stream().noneMatch(QUESTIONS_TYPE::equals),
                    types(admin).toString());
            try (LoginBrowser browser = new LoginBrowser()) {
                browser.signIn(realm.getName(), user.username(), ResetUsers.PASSWORD, null);
                assertEquals("Set up password reset", browser.title());
                assertEquals("Not set up", browser.text("sspr-value-phone"));
                assertEquals("Not set up", browser.text("sspr-value-questions"));
            }

            // A policy that does not require registration lets the user in without methods.
            try (PolicyFixture optional = PolicyFixture.apply(
                            realm,
                            Map.of("methods", TWO_GATES.get("methods"), "requireRegistration", List.of("false")));
                    LoginBrowser browser = new LoginBrowser()) {
                browser.signIn(realm.getName(), user.username(), ResetUsers.PASSWORD, null);
                assertTrue(browser.signedIn(), "registration not required: " + browser.url());
            }
        }
    }

    private static CredentialRepresentation credential(UserResource user, String type) {
        return user.credentials().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + types(user)));
    }

    private static List<String> types(UserResource user) {
        return user.credentials().stream()
                .map(CredentialRepresentation::getType)
                .toList();
    }
}
