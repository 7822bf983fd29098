package io.github.sspr.it.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.testing.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The account's failed-verification cap under a burst of parallel wrong guesses on one server (docs/cluster.md, "How
 * a cap holds across nodes"): twenty reset flows of one user, each with its own emailed code, post a wrong code at the
 * same instant. Keycloak runs them side by side (they are different authentication sessions), so only the
 * cross-flow counter, counted before the comparison, stands between them and the cap.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ParallelGuessIT {

    private static final int FLOWS = 20;
    /** The configured cap: not the default (5), so that the test proves the setting is the one enforced. */
    private static final int CAP = 3;

    private static final Pattern TRIES_LEFT = Pattern.compile("That code is not right\\. \\d+ tries? left\\.");

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @Test
    void twentyParallelWrongGuessesAreComparedAtMostTheConfiguredCap() throws Exception {
        // Twenty code emails for one account within minutes: room for them, so that only the guesses are limited.
        limits = PolicyFixture.apply(
                realm,
                Map.of(
                        "gateFailuresLimit", List.of(Integer.toString(CAP)),
                        "emailSendsLimit", List.of(Integer.toString(FLOWS * 2))));
        ResetUsers.Created user = ResetUsers.create(realm.admin(), "olga", true, null);

        List<Callable<ResetClient>> guesses = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            ResetClient flow = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
            var before = Mails.seen(mail);
            flow.action("choose", "method", "email");
            assertEquals("sspr-reset-code.ftl", flow.template(), flow.body());
            String wrong = wrong(Mails.codeTo(mail, user.recoveryEmail(), before, 8));
            String codeForm = flow.formAction("sspr-code-form");
            guesses.add(() -> flow.postTo(codeForm, Map.of("sspr-action", "verify", "code", wrong)));
        }

        List<ResetClient> answers = Race.run(guesses);

        int stillTrying = 0;
        int blocked = 0;
        for (ResetClient answer : answers) {
            assertNotEquals(500, answer.status(), answer.body());
            if (TRIES_LEFT.matcher(answer.fieldError("code")).matches()) {
                stillTrying++;
            } else if (answer.alert().startsWith("Too many attempts.")) {
                blocked++;
            }
        }
        assertEquals(CAP, comparedCodes(user.id()), "wrong codes compared");
        // The guess that reaches the cap blocks the gate, so only the ones before it may offer another try.
        assertEquals(CAP - 1, stillTrying, "answers offering another try");
        assertEquals(FLOWS - (CAP - 1), blocked, "answers saying the gate is blocked");

        // The block holds for a new flow too.
        ResetClient again = new ResetClient(realm.getName()).openReset().identify(user.username(), null);
        assertTrue(again.alert().startsWith("Too many attempts."), again.body());
        assertEquals(CAP, comparedCodes(user.id()), "nothing more compared");
    }

    /** Wrong codes the server compared for the user: each is one gate-failed event with error invalid_code. */
    private int comparedCodes(String userId) {
        List<EventRepresentation> events =
                realm.admin().getEvents(List.of("RESET_PASSWORD_ERROR"), null, userId, null, null, null, 0, 500);
        return (int) events.stream()
                .filter(event -> "invalid_code".equals(event.getError()))
                .count();
    }

    private PolicyFixture limits;

    @org.junit.jupiter.api.AfterEach
    void restorePolicy() {
        if (limits != null) {
            limits.close();
        }
    }

    private static String wrong(String code) {
        return code.equals("00000000") ? "11111111" : "00000000";
    }
}
