package io.github.sspr.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.credentials.RegisteredMethods;
import io.github.sspr.credentials.email.RecoveryEmailCredentialData;
import io.github.sspr.credentials.email.RecoveryEmailSecretData;
import io.github.sspr.credentials.phone.RecoveryPhoneCredentialData;
import io.github.sspr.credentials.phone.RecoveryPhoneSecretData;
import io.github.sspr.credentials.questions.SecurityQuestionsCredentialData;
import io.github.sspr.credentials.questions.SecurityQuestionsSecretData;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;

/**
 * A real user's gates: exactly the methods the policy-for-user rule lets them use, each with its destination and mask;
 * the questions only when they may be used.
 */
class RegistrationOfUserTest {

    private static final String ADDRESS = "dave.alt@example.org";
    private static final String PHONE = "+16502530000";
    private static final SsprPolicy TWO_GATES = SsprPolicy.builder()
            .methods(List.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS))
            .gatesRequired(2)
            .build();

    /** A user holding the given kinds of credential: {@code email}, {@code phone}, {@code questions}. */
    private static UserModel user(String... kinds) {
        List<CredentialModel> credentials = new ArrayList<>();
        for (String kind : kinds) {
            CredentialModel c = new CredentialModel();
            c.setId(kind + "-id");
            c.setCreatedDate(1L);
            switch (kind) {
                case "email" -> {
                    c.setType(RecoveryEmailCredentialData.TYPE);
                    c.setCredentialData(
                            RecoveryEmailCredentialData.registered("d***", 1).toJson());
                    c.setSecretData(new RecoveryEmailSecretData(ADDRESS).toJson());
                }
                case "phone" -> {
                    c.setType(RecoveryPhoneCredentialData.TYPE);
                    c.setCredentialData(RecoveryPhoneCredentialData.registered("+1", "US", 1)
                            .toJson());
                    c.setSecretData(new RecoveryPhoneSecretData(PHONE).toJson());
                }
                default -> {
                    c.setType(SecurityQuestionsCredentialData.TYPE);
                    c.setCredentialData(
                            SecurityQuestionsCredentialData.registered(List.of("pet", "city", "school"), 3, 1)
                                    .toJson());
                    c.setSecretData(new SecurityQuestionsSecretData(List.of()).toJson());
                }
            }
            credentials.add(c);
        }
        SubjectCredentialManager manager = (SubjectCredentialManager) Proxy.newProxyInstance(
                RegistrationOfUserTest.class.getClassLoader(),
                new Class<?>[] {SubjectCredentialManager.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getStoredCredentialsStream")) {
                        return credentials.stream();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (UserModel) Proxy.newProxyInstance(
                RegistrationOfUserTest.class.getClassLoader(),
                new Class<?>[] {UserModel.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("credentialManager")) {
                        return manager;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static Stream<Arguments> users() {
        SsprPolicy defaults = SsprPolicy.defaults();
        SsprPolicy smsOnly = SsprPolicy.builder().methods(List.of(Method.SMS)).build();
        SsprPolicy germany = defaults.toBuilder().phoneCountries(List.of("DE")).build();
        return Stream.of(
                Arguments.of(
                        "email and phone",
                        defaults,
                        false,
                        new String[] {"email", "phone"},
                        Map.of(
                                Method.EMAIL,
                                "d*******@example.org",
                                Method.SMS,
                                "+16*******00",
                                Method.VOICE,
                                "+16*******00"),
                        false),
                Arguments.of(
                        "questions held, but one gate never uses them",
                        defaults,
                        false,
                        new String[] {"email", "questions"},
                        Map.of(Method.EMAIL, "d*******@example.org"),
                        false),
                Arguments.of(
                        "questions held, two gates",
                        TWO_GATES,
                        false,
                        new String[] {"email", "questions"},
                        Map.of(Method.EMAIL, "d*******@example.org", Method.QUESTIONS, "3"),
                        true),
                Arguments.of(
                        "privileged: questions never",
                        TWO_GATES,
                        true,
                        new String[] {"email", "phone", "questions"},
                        Map.of(
                                Method.EMAIL,
                                "d*******@example.org",
                                Method.SMS,
                                "+16*******00",
                                Method.VOICE,
                                "+16*******00"),
                        false),
                Arguments.of(
                        "a policy with SMS only: no voice, no email",
                        smsOnly,
                        false,
                        new String[] {"email", "phone"},
                        Map.of(Method.SMS, "+16*******00"),
                        false),
                Arguments.of(
                        "a phone outside the allowed countries",
                        germany,
                        false,
                        new String[] {"email", "phone"},
                        Map.of(Method.EMAIL, "d*******@example.org"),
                        false),
                Arguments.of("nothing registered", defaults, false, new String[] {}, Map.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void theGatesAreTheUsableMethods(
            String name,
            SsprPolicy policy,
            boolean privileged,
            String[] kinds,
            Map<Method, String> masked,
            boolean questions) {
        RegisteredMethods methods = RegisteredMethods.of(user(kinds));
        ResetAccess access = ResetAccess.decide(
                policy, new ResetAccess.Facts(true, privileged, methods.held(), methods.phoneRegion()));

        Registration registration = Registration.of(methods, access);

        assertEquals(masked, registration.masked());
        registration.entries().forEach((method, entry) -> {
            assertEquals(method, entry.method());
            assertEquals(
                    method == Method.EMAIL ? ADDRESS : method == Method.QUESTIONS ? null : PHONE, entry.destination());
        });
        if (questions) {
            assertNotNull(registration.questions());
            assertNotNull(registration.questionSecrets());
            assertEquals(
                    List.of("pet", "city", "school"), registration.questions().questionIds());
        } else {
            assertNull(registration.questions(), "questions that may not be used are not drawn from");
            assertNull(registration.questionSecrets());
        }
        assertEquals(access.canReset(), registration.canPass(access.gatesRequired()), "the same rule as the access");
    }
}
