package io.github.sspr.reset.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.reset.machine.LostFactor.Credential;
import io.github.sspr.reset.machine.LostFactor.Kind;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lost-authenticator page: what it lists, what a pick removes and which Keycloak action re-enrols it. */
class LostFactorTest {

    /** A user holding a password, a recovery phone, two apps, a passkey, a security key and recovery codes. */
    private static final List<Credential> HELD = List.of(
            new Credential("pw", "password", null, 1),
            new Credential("phone", "sspr-recovery-phone", null, 2),
            new Credential("app-new", "otp", "Work phone", 30),
            new Credential("codes", "recovery-authn-codes", null, 40),
            new Credential("app-old", "otp", " Old phone ", 10),
            new Credential("key", "webauthn", "YubiKey 5", 50),
            new Credential("pass", "webauthn-passwordless", "Laptop", 60),
            new Credential(null, "otp", "broken", 70));

    static Stream<Arguments> listing() {
        return Stream.of(
                // credentials -> listed as id:kind:label, in order
                Arguments.of(
                        HELD,
                        "app-old:AUTHENTICATOR_APP:Old phone,app-new:AUTHENTICATOR_APP:Work phone,pass:PASSKEY:Laptop,"
                                + "key:SECURITY_KEY:YubiKey 5,codes:RECOVERY_CODES:"),
                Arguments.of(List.of(new Credential("pw", "password", null, 1)), ""),
                Arguments.of(List.of(), ""),
                Arguments.of(List.of(new Credential("k", "webauthn", null, 1)), "k:SECURITY_KEY:"));
    }

    @ParameterizedTest(name = "[{index}] lists {1}")
    @MethodSource("listing")
    void listsOnlyTheAuthenticatorsNeverAPasswordOrARecoveryMethod(List<Credential> held, String listed) {
        assertEquals(
                listed,
                LostFactor.choices(held).stream()
                        .map(c -> c.id() + ":" + c.kind() + ":" + c.label())
                        .collect(Collectors.joining(",")));
    }

    static Stream<Arguments> picks() {
        return Stream.of(
                // picked id -> removed id, required action, error key
                Arguments.of("app-old", "app-old", "CONFIGURE_TOTP", null),
                Arguments.of("app-new", "app-new", "CONFIGURE_TOTP", null),
                Arguments.of("pass", "pass", "webauthn-register-passwordless", null),
                Arguments.of("key", "key", "webauthn-register", null),
                Arguments.of("codes", "codes", "CONFIGURE_RECOVERY_AUTHN_CODES", null),
                // Never the password or a recovery method, whatever the form says.
                Arguments.of("pw", null, null, "sspr.reset.lostFactor.error.gone"),
                Arguments.of("phone", null, null, "sspr.reset.lostFactor.error.gone"),
                Arguments.of("removed-meanwhile", null, null, "sspr.reset.lostFactor.error.gone"),
                Arguments.of("", null, null, "sspr.reset.lostFactor.error.pick"),
                Arguments.of(null, null, null, "sspr.reset.lostFactor.error.pick"));
    }

    @ParameterizedTest(name = "[{index}] pick {0} -> removes {1}, adds {2}, error {3}")
    @MethodSource("picks")
    void removesExactlyThePickedAuthenticator(String picked, String removed, String action, String error) {
        LostFactor.Decision decision = LostFactor.decide(HELD, picked);
        assertEquals(removed, decision.removes() ? decision.removed().id() : null);
        assertEquals(action, decision.requiredAction());
        assertEquals(error, decision.error());
        assertEquals(removed != null, decision.removes());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("kinds")
    void eachKindNamesItsCredentialTypeAndMessageKey(Kind kind, String type, String key) {
        assertEquals(type, kind.type());
        assertEquals(key, kind.key());
        assertEquals(kind, Kind.ofType(type).orElseThrow());
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(Kind.AUTHENTICATOR_APP, "otp", "authenticatorApp"),
                Arguments.of(Kind.PASSKEY, "webauthn-passwordless", "passkey"),
                Arguments.of(Kind.SECURITY_KEY, "webauthn", "securityKey"),
                Arguments.of(Kind.RECOVERY_CODES, "recovery-authn-codes", "recoveryCodes"));
    }
}
