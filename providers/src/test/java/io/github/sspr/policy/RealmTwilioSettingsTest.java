package io.github.sspr.policy;

import static io.github.sspr.policy.SsprPolicyConfig.ACTIVITY_RETENTION_DAYS;
import static io.github.sspr.policy.SsprPolicyConfig.TWILIO_ACCOUNT_SID;
import static io.github.sspr.policy.SsprPolicyConfig.TWILIO_AUTH_TOKEN;
import static io.github.sspr.policy.SsprPolicyConfig.TWILIO_FROM_NUMBER;
import static io.github.sspr.policy.SsprPolicyConfig.TWILIO_MESSAGING_SERVICE_SID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.sspr.config.SettingError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The realm-level Twilio account and activity retention of the policy (docs/sms.md, docs/operations.md). */
class RealmTwilioSettingsTest {

    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String MG = "MG0123456789abcdef0123456789abcdef";
    static final String REF = "${vault.twilio-token}";

    /** Stored settings → the fields the validator names (empty: it saves). */
    static List<Arguments> validation() {
        return List.of(
                Arguments.of(Map.of(), List.of()),
                Arguments.of(
                        Map.of(TWILIO_ACCOUNT_SID, SID, TWILIO_AUTH_TOKEN, REF, TWILIO_FROM_NUMBER, "+15005550006"),
                        List.of()),
                Arguments.of(
                        Map.of(TWILIO_ACCOUNT_SID, SID, TWILIO_AUTH_TOKEN, REF, TWILIO_MESSAGING_SERVICE_SID, MG),
                        List.of()),
                // Only a sender of its own, through the server's account.
                Arguments.of(Map.of(TWILIO_FROM_NUMBER, "+4930123456"), List.of()),
                // A token in clear is refused: only a vault reference is stored.
                Arguments.of(
                        Map.of(
                                TWILIO_ACCOUNT_SID,
                                SID,
                                TWILIO_AUTH_TOKEN,
                                "0123456789abcdef",
                                TWILIO_FROM_NUMBER,
                                "+1500"),
                        List.of(TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER)),
                Arguments.of(
                        Map.of(TWILIO_ACCOUNT_SID, SID, TWILIO_FROM_NUMBER, "+15005550006"),
                        List.of(TWILIO_AUTH_TOKEN)),
                Arguments.of(Map.of(TWILIO_AUTH_TOKEN, REF), List.of(TWILIO_ACCOUNT_SID)),
                Arguments.of(Map.of(TWILIO_ACCOUNT_SID, SID, TWILIO_AUTH_TOKEN, REF), List.of(TWILIO_FROM_NUMBER)),
                Arguments.of(
                        Map.of(
                                TWILIO_ACCOUNT_SID,
                                "AC123",
                                TWILIO_AUTH_TOKEN,
                                REF,
                                TWILIO_MESSAGING_SERVICE_SID,
                                "MG1"),
                        List.of(TWILIO_ACCOUNT_SID, TWILIO_MESSAGING_SERVICE_SID)),
                Arguments.of(Map.of(ACTIVITY_RETENTION_DAYS, "90"), List.of()),
                Arguments.of(Map.of(ACTIVITY_RETENTION_DAYS, "366"), List.of(ACTIVITY_RETENTION_DAYS)),
                Arguments.of(Map.of(ACTIVITY_RETENTION_DAYS, "-1"), List.of(ACTIVITY_RETENTION_DAYS)));
    }

    @ParameterizedTest
    @MethodSource("validation")
    void theValidatorNamesTheField(Map<String, String> stored, List<String> fields) {
        assertEquals(
                fields,
                SsprPolicyValidator.validate(config(stored)).stream()
                        .map(SettingError::field)
                        .toList());
    }

    /** Stored around the validator → what a send uses; SSPR itself stays on. */
    static List<Arguments> reading() {
        return List.of(
                Arguments.of(Map.of(), TwilioAccount.SERVER, 0),
                Arguments.of(
                        Map.of(TWILIO_ACCOUNT_SID, SID, TWILIO_AUTH_TOKEN, REF, TWILIO_FROM_NUMBER, "+15005550006"),
                        new TwilioAccount(SID, REF, "+15005550006", null),
                        0),
                Arguments.of(
                        Map.of(TWILIO_ACCOUNT_SID, SID, TWILIO_FROM_NUMBER, "+15005550006"), TwilioAccount.SERVER, 0),
                Arguments.of(
                        Map.of(
                                TWILIO_ACCOUNT_SID,
                                SID,
                                TWILIO_AUTH_TOKEN,
                                "clear-token",
                                TWILIO_FROM_NUMBER,
                                "+15005550006"),
                        TwilioAccount.SERVER,
                        0),
                Arguments.of(Map.of(TWILIO_MESSAGING_SERVICE_SID, MG), new TwilioAccount(null, null, null, MG), 0),
                Arguments.of(Map.of(ACTIVITY_RETENTION_DAYS, "7"), TwilioAccount.SERVER, 7),
                Arguments.of(Map.of(ACTIVITY_RETENTION_DAYS, "9999"), TwilioAccount.SERVER, 0));
    }

    @ParameterizedTest
    @MethodSource("reading")
    void aBadStoredAccountFallsBackToTheServers(Map<String, String> stored, TwilioAccount twilio, int retention) {
        SsprPolicy policy = StoredPolicy.read(config(stored));
        assertEquals(twilio, policy.twilio());
        assertEquals(retention, policy.activityRetentionDays());
        assertFalse(policy.enablement() == Enablement.OFF, "a bad Twilio value never turns SSPR off");
    }

    @ParameterizedTest
    @MethodSource("reading")
    void theVaultKeyIsTheReferencesInside(Map<String, String> stored, TwilioAccount twilio, int retention) {
        assertEquals(twilio.ownAccount() ? "twilio-token" : null, twilio.authTokenVaultKey());
    }

    private static Map<String, List<String>> config(Map<String, String> stored) {
        Map<String, List<String>> config = new HashMap<>();
        stored.forEach((k, v) -> config.put(k, List.of(v)));
        return config;
    }
}
