package io.github.sspr.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.credentials.kinds.KeycloakFactor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;

/** Which Keycloak factors a user holds, read from stored credentials as Keycloak writes them. */
class KeycloakFactorsTest {

    private static CredentialModel stored(CredentialModel model, String id, long created) {
        model.setId(id);
        model.setCreatedDate(created);
        return model;
    }

    private static CredentialModel codes(String id, long created, int used, String... codes) {
        RecoveryAuthnCodesCredentialModel model =
                RecoveryAuthnCodesCredentialModel.createFromValues(List.of(codes), created, null);
        for (int i = 0; i < used; i++) {
            model.removeRecoveryAuthnCode();
        }
        return stored(model, id, created);
    }

    @Test
    void anAppAndRecoveryCodesAreHeldWithTheNumberAskedNextAndTheCodesLeft() {
        KeycloakFactors factors = KeycloakFactors.read(List.of(
                stored(OTPCredentialModel.createTOTP("secret-one", 6, 30, "HmacSHA1"), "otp-1", 1_000L),
                stored(OTPCredentialModel.createTOTP("secret-two", 6, 30, "HmacSHA1"), "otp-2", 3_000L),
                codes("codes-1", 2_000L, 2, "AAAA", "BBBB", "CCCC", "DDDD")));
        assertEquals(Map.of(KeycloakFactor.OTP, 3_000L, KeycloakFactor.RECOVERY_CODES, 2_000L), factors.registeredAt());
        assertEquals(3, factors.nextRecoveryCode(), "two used: Keycloak asks for number 3");
        assertEquals(2, factors.recoveryCodesLeft());
    }

    @Test
    void usedUpRecoveryCodesAndUnreadableCredentialsAreNotAWayIn() {
        CredentialModel corrupt = new CredentialModel();
        corrupt.setType(OTPCredentialModel.TYPE);
        corrupt.setId("broken");
        corrupt.setCredentialData("{not json");
        corrupt.setSecretData("{not json");
        KeycloakFactors factors = KeycloakFactors.read(List.of(codes("codes-1", 2_000L, 2, "AAAA", "BBBB"), corrupt));
        assertFalse(factors.has(KeycloakFactor.RECOVERY_CODES), "every code used");
        assertFalse(factors.has(KeycloakFactor.OTP), "unreadable");
        assertEquals(0, factors.nextRecoveryCode());
    }

    private static CredentialModel passkey(String type, String dbId, byte[] credentialId, long created) {
        CredentialModel model = new CredentialModel();
        model.setType(type);
        model.setCredentialData("{\"aaguid\":\"00000000-0000-0000-0000-000000000000\",\"credentialId\":\""
                + java.util.Base64.getEncoder().encodeToString(credentialId)
                + "\",\"counter\":0,\"credentialPublicKey\":\"AQ==\",\"attestationStatementFormat\":\"none\"}");
        model.setSecretData("{}");
        return stored(model, dbId, created);
    }

    @Test
    void passkeysOfBothWebAuthnTypesAreOneFactorWithTheirIdsForTheBrowser() {
        byte[] first = {(byte) 0xfb, (byte) 0xff, 0x01, 0x02};
        byte[] second = {0x10, 0x20, 0x30};
        KeycloakFactors factors = KeycloakFactors.read(List.of(
                passkey("webauthn", "wa-1", first, 1_000L), passkey("webauthn-passwordless", "wa-2", second, 4_000L)));
        assertEquals(Map.of(KeycloakFactor.PASSKEY, 4_000L), factors.registeredAt(), "the newest counts");
        // Keycloak stores standard Base64 ("+/"); the browser needs Base64url ("-_", no padding).
        assertEquals(List.of("-_8BAg", "ECAw"), factors.passkeyIds());
        assertEquals(List.of("webauthn", "webauthn-passwordless"), factors.passkeyTypes());
    }

    @Test
    void anUnreadablePasskeyIsNotAWayIn() {
        CredentialModel corrupt = new CredentialModel();
        corrupt.setType("webauthn");
        corrupt.setId("broken");
        corrupt.setCredentialData("{not json");
        KeycloakFactors factors = KeycloakFactors.read(List.of(corrupt));
        assertFalse(factors.has(KeycloakFactor.PASSKEY));
        assertEquals(List.of(), factors.passkeyIds());
    }

    @Test
    void thePasskeyPageAsksTheStricterUserVerificationOfTheRealmsTwoPolicies() {
        assertEquals("required", PasskeyCeremony.stricter("preferred", "required"));
        assertEquals("required", PasskeyCeremony.stricter("required", "not specified"));
        assertEquals("preferred", PasskeyCeremony.stricter("not specified", "preferred"));
        assertEquals("preferred", PasskeyCeremony.stricter("discouraged", "preferred"));
        assertEquals("not specified", PasskeyCeremony.stricter("not specified", "not specified"));
        assertEquals("not specified", PasskeyCeremony.stricter(null, null));
    }

    @Test
    void otherCredentialsAreIgnored() {
        CredentialModel password = new CredentialModel();
        password.setType("password");
        assertTrue(KeycloakFactors.read(List.of(password)).registeredAt().isEmpty());
    }

    /** The decoy path's factor check: whatever is typed (a plausible code included, or nothing), it never passes. */
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"123456", "abcd-efgh-ijkl", "a very long input that is not a code at all"})
    void aDecoysFactorCheckNeverPasses(String input) {
        assertFalse(KeycloakFactors.decoyCheck(input));
    }
}
