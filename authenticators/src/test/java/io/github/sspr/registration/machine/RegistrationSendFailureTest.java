package io.github.sspr.registration.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.otp.NoteStore;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What registering a phone says when its code cannot go out (docs/sms.md, "When the SMS provider fails"): a number
 * that cannot receive is told apart from an outage, and a paused provider is said to be unavailable.
 */
class RegistrationSendFailureTest {

    @ParameterizedTest(name = "{0} ({1}) → {2}")
    @CsvSource({
        "FAILED, sms_invalid_number, sspr.register.error.cannotReceive",
        "FAILED, sms_provider_unavailable, sspr.register.error.sendFailed",
        "FAILED, sms_timeout, sspr.register.error.sendFailed",
        "UNAVAILABLE, sms_unavailable, sspr.register.error.unavailable",
    })
    void aPhoneWhoseCodeCannotGoOut(SendOutcome.Status status, String reason, String message) {
        Map<String, String> store = new HashMap<>();
        NoteStore notes = new NoteStore() {
            @Override
            public String get(String name) {
                return store.get(name);
            }

            @Override
            public void set(String name, String value) {
                store.put(name, value);
            }

            @Override
            public void remove(String name) {
                store.remove(name);
            }
        };
        SendOutcome outcome = new SendOutcome(status, reason, 0, 2, 0);
        RegistrationMachine machine = new RegistrationMachine(
                new RegistrationNotes(notes),
                SsprPolicy.defaults(),
                Map.of("phone", "+14155550100", "channel", "sms"),
                new Ports(outcome));

        RegView view = machine.sendPhone("US");

        assertEquals(RegistrationMachine.STEP_PHONE, view.step());
        assertEquals(1, view.messages().size(), view.messages().toString());
        assertEquals(message, view.messages().get(0).key());
        assertEquals("phone", view.messages().get(0).field());
    }

    private record Ports(SendOutcome outcome) implements RegistrationPorts {
        @Override
        public io.github.sspr.credentials.questions.QuestionRegistrationValidator.Account questionAccount() {
            return io.github.sspr.credentials.questions.QuestionRegistrationValidator.Account.NONE;
        }

        @Override
        public boolean factorQueued(Method method) {
            return false;
        }

        @Override
        public ResetAccess access() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SendOutcome send(RecoveryCredential kind, String destination, Method method) {
            return outcome;
        }

        @Override
        public void discardCode(RecoveryCredential kind) {}

        @Override
        public VerifyResult verify(RecoveryCredential kind, String code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void saveDestination(RecoveryCredential kind, String destination, String channel) {}

        @Override
        public void saveQuestions(Map<String, String> answers, int questionsToAnswer) {}

        @Override
        public void remove(RecoveryCredential kind) {}

        @Override
        public void confirm(Set<RecoveryCredential> kinds) {}

        @Override
        public void refused(RecoveryCredential kind, String error, Map<String, String> details) {}

        @Override
        public Map<String, String> questionTexts() {
            return Map.of();
        }
    }
}
