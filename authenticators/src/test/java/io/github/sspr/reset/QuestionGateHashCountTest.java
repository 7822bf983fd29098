package io.github.sspr.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.credentials.questions.AnswerHasher;
import io.github.sspr.credentials.questions.QuestionBank;
import io.github.sspr.credentials.questions.SecurityQuestionsCredentialData;
import io.github.sspr.credentials.questions.SecurityQuestionsScheme;
import io.github.sspr.credentials.questions.SecurityQuestionsSecretData;
import io.github.sspr.credentials.questions.StoredHash;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.flow.MapNoteStore;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.reset.machine.GateMachine;
import io.github.sspr.reset.machine.GatePorts;
import io.github.sspr.reset.machine.GateView;
import io.github.sspr.reset.machine.ResetNotes;
import io.github.sspr.throttle.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Counts the password hashes of one questions-gate request, as the gates step runs it ({@link GateMachine} over the
 * {@link QuestionGate} that {@code GateRequest} uses): exactly one per answer set — right, wrong, or on the decoy path —
 * for every N and K, and none for choosing the gate, drawing again after a wrong set, or showing the questions
 * (docs/security-questions.md).
 */
class QuestionGateHashCountTest {

    /** A hasher that counts; its "hash" is the text itself, so a right answer set verifies. */
    private static final class CountingHasher implements AnswerHasher {
        int hashes;
        int verifies;

        @Override
        public StoredHash hash(String secret) {
            hashes++;
            return new StoredHash("{}", secret);
        }

        @Override
        public boolean verify(String secret, StoredHash stored) {
            verifies++;
            return secret.equals(stored.secretData());
        }

        int total() {
            return hashes + verifies;
        }
    }

    static Stream<Arguments> registrations() {
        List<Arguments> cases = new ArrayList<>();
        for (int n = SecurityQuestionsScheme.MIN_QUESTIONS; n <= SecurityQuestionsScheme.MAX_QUESTIONS; n++) {
            for (int k = SecurityQuestionsScheme.MIN_QUESTIONS; k <= n; k++) {
                for (String answers : List.of("right", "wrong", "decoy")) {
                    cases.add(Arguments.of(n, k, answers));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "N={0} K={1} {2} answers: one hash")
    @MethodSource("registrations")
    void oneHashPerAnswerSet(int n, int k, String kind) {
        boolean decoy = kind.equals("decoy");
        Map<String, String> registered = new LinkedHashMap<>();
        for (String id : QuestionBank.PREDEFINED_IDS.subList(0, n)) {
            registered.put(id, "answer to " + id);
        }
        CountingHasher hasher = new CountingHasher();
        SecurityQuestionsSecretData secrets = new SecurityQuestionsScheme(hasher).enroll(registered, k);
        SecurityQuestionsCredentialData data =
                SecurityQuestionsCredentialData.registered(List.copyOf(registered.keySet()), k, 0L);
        hasher.hashes = 0;

        QuestionGate gate =
                new QuestionGate(hasher, data, decoy ? null : secrets, GatePage.knownQuestions(SsprPolicy.defaults()));
        MapNoteStore store = new MapNoteStore()
                .with(ResetNotes.SUBJECT, decoy ? "decoy-1" : "user-1")
                .with(ResetNotes.GATES, "2");
        if (decoy) {
            store.with(ResetNotes.DECOY, "unregistered");
        }
        ResetNotes notes = new ResetNotes(store);
        Ports ports = new Ports(gate);
        Map<Method, String> available = Map.of(Method.QUESTIONS, Integer.toString(k), Method.EMAIL, "a***@x.org");

        // Choosing the gate draws and shows K questions: no hash.
        GateView asked = new GateMachine(notes, available, false, ports).choose("questions");
        assertEquals(GateView.Kind.QUESTIONS, asked.kind());
        assertEquals(k, notes.asked().size());
        assertEquals(0, hasher.total(), "choosing the questions gate hashes nothing");

        // The answer request: exactly one hash, whatever the answers.
        Map<String, String> answers = new LinkedHashMap<>();
        for (String id : notes.asked()) {
            answers.put(id, kind.equals("right") ? registered.get(id) : "not it");
        }
        GateView answered = new GateMachine(notes, available, false, ports).answer(answers);
        assertEquals(1, hasher.total(), "one hash per answer set");
        if (kind.equals("right")) {
            assertEquals(GateView.Kind.CHOOSER, answered.kind(), "passed: the next gate's chooser");
            assertEquals(List.of(Method.QUESTIONS), notes.passed());
        } else {
            assertEquals(GateView.Kind.QUESTIONS, answered.kind(), "wrong: K questions drawn again");
            assertEquals(k, notes.asked().size());
            assertEquals(List.of(), notes.passed());
        }

        // Showing the page again (a reload) hashes nothing.
        new GateMachine(notes, available, false, ports).current(null);
        assertEquals(1, hasher.total(), "showing the page again hashes nothing");
    }

    /** The gate's ports: the questions through the real {@link QuestionGate}, everything else open and silent. */
    private record Ports(QuestionGate gate) implements GatePorts {
        private static final Decision OPEN = new Decision(true, null, 0, 5);

        @Override
        public Decision checkGate(Method method) {
            return OPEN;
        }

        @Override
        public Decision beginAttempt(Method method) {
            return OPEN;
        }

        @Override
        public Decision attemptFailed(Method method) {
            return OPEN;
        }

        @Override
        public void attemptUndone(Method method) {}

        @Override
        public SendOutcome send(Method method, boolean deliver) {
            return new SendOutcome(SendOutcome.Status.SENT, null, 0, 4, 1_000L);
        }

        @Override
        public Optional<String> takeSendFailure(Method method) {
            return Optional.empty();
        }

        @Override
        public VerifyResult verifyCode(Method method, String input) {
            return VerifyResult.WRONG;
        }

        @Override
        public boolean factorValid(Method method, String input) {
            return false;
        }

        @Override
        public int recoveryCodesLeft() {
            return 0;
        }

        @Override
        public int triesLeft(Method method) {
            return 4;
        }

        @Override
        public boolean phoneMatches(Method method, String typed) {
            return false;
        }

        @Override
        public Optional<List<String>> drawQuestions() {
            return gate.draw();
        }

        @Override
        public boolean answersRight(List<String> asked, Map<String, String> answers) {
            return gate.right(asked, answers);
        }

        @Override
        public void burnAnswerCheck(Map<String, String> answers) {
            gate.burn(answers);
        }

        @Override
        public void step(String step, String error, String reason) {}

        @Override
        public void outcome(String outcome, String step, String error, String reason) {}
    }
}
