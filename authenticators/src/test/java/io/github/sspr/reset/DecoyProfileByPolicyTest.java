package io.github.sspr.reset;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.access.rule.Gates;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.credentials.questions.Question;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoy under every kind of policy: stable for a name, always able to pass its gates, only ever methods the policy
 * allows, and never a destination a code could be sent to.
 */
class DecoyProfileByPolicyTest {

    private static final byte[] KEY = "realm-secret-for-tests".getBytes(StandardCharsets.UTF_8);
    private static final int NAMES = 300;

    private static SsprPolicy policy(int gates, Method... methods) {
        return SsprPolicy.builder()
                .methods(List.of(methods))
                .gatesRequired(gates)
                .build();
    }

    static Stream<Arguments> policies() {
        SsprPolicy all2 = policy(2, Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS);
        return Stream.of(
                Arguments.of("defaults: 1 gate, email, SMS, voice", SsprPolicy.defaults(), 1),
                Arguments.of("1 gate, email only", policy(1, Method.EMAIL), 1),
                Arguments.of("1 gate, SMS only", policy(1, Method.SMS), 1),
                Arguments.of("1 gate, voice only", policy(1, Method.VOICE), 1),
                Arguments.of("1 gate, email and SMS", policy(1, Method.EMAIL, Method.SMS), 1),
                Arguments.of("2 gates, everything", all2, 2),
                Arguments.of("2 gates, email and questions", policy(2, Method.EMAIL, Method.QUESTIONS), 2),
                Arguments.of("2 gates, SMS and questions", policy(2, Method.SMS, Method.QUESTIONS), 2),
                Arguments.of("2 gates, email and voice", policy(2, Method.EMAIL, Method.VOICE), 2),
                Arguments.of(
                        "privileged: 2 gates, no questions",
                        io.github.sspr.access.rule.ResetAccess.effective(all2, true),
                        2),
                Arguments.of(
                        "1-gate policy, flow asks 2 (the ordinary user's count)",
                        policy(1, Method.EMAIL, Method.SMS, Method.VOICE),
                        2),
                Arguments.of(
                        "phones only in Germany",
                        SsprPolicy.defaults().toBuilder()
                                .phoneCountries(List.of("DE"))
                                .build(),
                        1),
                Arguments.of(
                        "5 questions registered, 4 asked",
                        all2.toBuilder()
                                .questionsToRegister(5)
                                .questionsToAnswer(4)
                                .build(),
                        2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void everyDecoyCanPassOnlyAllowedMethodsNothingToSendTo(String name, SsprPolicy policy, int gates) {
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < NAMES; i++) {
            String user = "user" + i;
            Registration r = DecoyProfile.of(KEY, user)
                    .registration(policy, gates, 0, io.github.sspr.credentials.RecoveryMix.EMPTY);
            checks.add(() -> assertTrue(r.canPass(gates), user + ": " + r.masked()));
            checks.add(() -> assertFalse(
                    Gates.offered(r.entries().keySet(), List.of(), gates).isEmpty(), user + ": nothing offered"));
            for (Registration.Entry entry : r.entries().values()) {
                checks.add(() -> assertTrue(policy.allows(entry.method()), user + ": " + entry.method()));
                checks.add(() -> assertNull(entry.destination(), user + ": a decoy has nowhere to send"));
                checks.add(() -> assertFalse(entry.masked().isEmpty(), user + ": " + entry.method() + " unmasked"));
            }
            checks.add(() -> assertNull(r.questionSecrets(), user + ": a decoy has no answers to match"));
        }
        assertAll(checks);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void theSameNameGetsTheSameProfileWhateverItsCaseOrSpaces(String name, SsprPolicy policy, int gates) {
        for (int i = 0; i < 20; i++) {
            Registration first = DecoyProfile.of(KEY, "Person" + i)
                    .registration(policy, gates, 0, io.github.sspr.credentials.RecoveryMix.EMPTY);
            Registration again = DecoyProfile.of(KEY, "  person" + i + " ")
                    .registration(policy, gates, 99, io.github.sspr.credentials.RecoveryMix.EMPTY);
            assertEquals(first.masked(), again.masked());
            assertEquals(
                    first.questions() == null ? null : first.questions().questionIds(),
                    again.questions() == null ? null : again.questions().questionIds());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void namesGetDifferentProfilesSoAListOfDecoysLooksLikeRealPeople(String name, SsprPolicy policy, int gates) {
        Set<Map<Method, String>> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(new TreeMap<>(DecoyProfile.of(KEY, "user" + i)
                    .registration(policy, gates, 0, io.github.sspr.credentials.RecoveryMix.EMPTY)
                    .masked()));
        }
        assertTrue(seen.size() > 10, "only " + seen.size() + " different profiles in 50 names");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void questionsAreTheOfferedOnesAskedAsThePolicySays(String name, SsprPolicy policy, int gates) {
        Set<String> offered = new HashSet<>(
                policy.offeredQuestions().stream().map(Question::id).toList());
        for (int i = 0; i < NAMES; i++) {
            Registration r = DecoyProfile.of(KEY, "user" + i)
                    .registration(policy, gates, 0, io.github.sspr.credentials.RecoveryMix.EMPTY);
            Registration.Entry entry = r.entries().get(Method.QUESTIONS);
            if (entry == null) {
                assertNull(r.questions(), "no questions entry, no question data");
                continue;
            }
            List<String> ids = r.questions().questionIds();
            assertEquals(Integer.toString(policy.questionsToAnswer()), entry.masked());
            assertEquals(policy.questionsToAnswer(), r.questions().answersRequired());
            assertEquals(policy.questionsToRegister(), ids.size());
            assertEquals(ids.size(), new HashSet<>(ids).size(), "each question once: " + ids);
            assertTrue(offered.containsAll(ids), ids.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void aPhoneIsOfTheFirstAllowedCountryAndSmsAndVoiceShowTheSameNumber(String name, SsprPolicy policy, int gates) {
        String prefix = policy.phoneCountries().isEmpty()
                ? "+1"
                : "+"
                        + PhoneNumbers.callingCodeOf(policy.phoneCountries().stream()
                                .sorted()
                                .findFirst()
                                .orElseThrow());
        for (int i = 0; i < 50; i++) {
            Map<Method, String> masked = DecoyProfile.of(KEY, "user" + i)
                    .registration(policy, gates, 0, io.github.sspr.credentials.RecoveryMix.EMPTY)
                    .masked();
            String sms = masked.get(Method.SMS);
            String voice = masked.get(Method.VOICE);
            if (sms != null && voice != null) {
                assertEquals(sms, voice);
            }
            for (String phone : new String[] {sms, voice}) {
                if (phone != null) {
                    assertTrue(phone.startsWith(prefix.substring(0, Math.min(3, prefix.length()))), phone);
                    assertTrue(phone.matches("\\+\\d{1,2}\\*+\\d{2}"), phone);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void theThrottleSubjectIsAStablePseudonym(String name, SsprPolicy policy, int gates) {
        String subject = DecoyProfile.of(KEY, "Mallory").subject();
        assertTrue(subject.matches("decoy-[0-9a-f]{24}"), subject);
        assertEquals(subject, DecoyProfile.of(KEY, " mallory").subject());
    }
}
