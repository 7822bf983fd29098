package io.github.sspr.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.sspr.config.Setting;
import io.github.sspr.config.SettingError;
import io.github.sspr.config.SettingsTable;
import io.github.sspr.otp.CodeSettings;
import io.github.sspr.throttle.ThrottleRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The throttle's numbers are policy settings, declared by the throttle and read back as its rules. */
class ThrottleSettingsTest {

    private static final Path DOC = Path.of("..", "docs", "throttles.md");

    @Test
    void keysAreTheOptionsInCamelCase() {
        assertEquals("gateFailuresLimit", ThrottleSettings.key("gate-failures-limit"));
        assertEquals("identifyIpLimit", ThrottleSettings.key("identify-ip-limit"));
        assertEquals(
                ThrottleRules.options().size() + 3,
                ThrottleSettings.DECLARED.size(),
                "one setting per throttle option, then the per-flow numbers and the budget");
    }

    @Test
    void aDefaultPolicyHasTheDefaultRulesAndASavedValueChangesExactlyItsRule() {
        assertEquals(ThrottleRules.defaults(), SsprPolicy.defaults().throttleRules());

        SsprPolicy policy = StoredPolicy.read(Map.of(
                "gateFailuresLimit", List.of("3"),
                "gateFailuresBlockMinutes", List.of("90"),
                "realmCallsLimit", List.of("12")));

        ThrottleRules rules = policy.throttleRules();
        assertEquals(3, rules.gateFailures().limit());
        assertEquals(Duration.ofMinutes(90), rules.gateFailures().blockFor());
        assertEquals(12, rules.realmCalls().limit());
        assertEquals(ThrottleRules.defaults().emailSends(), rules.emailSends());
    }

    /** The per-flow numbers of the code core: each row a stored policy and the settings a channel gets under it. */
    @Test
    void thePerFlowNumbersAreReadFromThePolicyWithTheirDefaults() {
        record Row(Map<String, List<String>> stored, int sendsPerFlow, Duration cooldown, int budget) {}
        List<Row> table = List.of(
                new Row(Map.of(), 5, Duration.ofSeconds(30), 0),
                new Row(Map.of("codeSendsPerFlow", List.of("2")), 2, Duration.ofSeconds(30), 0),
                new Row(Map.of("codeResendCooldownSeconds", List.of("0")), 5, Duration.ZERO, 0),
                new Row(Map.of("codeResendCooldownSeconds", List.of("300")), 5, Duration.ofMinutes(5), 0),
                new Row(
                        Map.of("codeSendsPerFlow", List.of("20"), "dailyMessageBudget", List.of("40")),
                        20,
                        Duration.ofSeconds(30),
                        40));
        for (Row row : table) {
            SsprPolicy policy = StoredPolicy.read(row.stored());
            for (CodeSettings channel : List.of(CodeSettings.email(), CodeSettings.phone())) {
                CodeSettings settings = ThrottleSettings.codeSettings(channel, policy);
                assertEquals(row.sendsPerFlow(), settings.maxSendsPerFlow(), row.toString());
                assertEquals(row.cooldown(), settings.resendCooldown(), row.toString());
                assertEquals(channel.digits(), settings.digits(), row.toString());
            }
            assertEquals(row.budget(), ThrottleSettings.dailyMessageBudget(policy), row.toString());
        }
    }

    @Test
    void outOfBoundsFlowNumbersAndBudgetAreRefusedNamingTheField() {
        List<SettingError> errors = SsprPolicyValidator.validate(Map.of(
                "codeSendsPerFlow", List.of("21"),
                "codeResendCooldownSeconds", List.of("301"),
                "dailyMessageBudget", List.of("-1")));
        assertEquals(
                List.of("codeResendCooldownSeconds", "codeSendsPerFlow", "dailyMessageBudget"),
                errors.stream().map(SettingError::field).sorted().toList(),
                errors.toString());
    }

    @Test
    void outOfBoundsValuesAreRefusedNamingTheField() {
        List<SettingError> errors = SsprPolicyValidator.validate(Map.of(
                "phoneNumberSendsLimit", List.of("0"),
                "emailSendsBlockMinutes", List.of("20000"),
                "identifyIpLimit", List.of("many")));

        assertEquals(
                List.of("emailSendsBlockMinutes", "identifyIpLimit", "phoneNumberSendsLimit"),
                errors.stream().map(SettingError::field).sorted().toList(),
                errors.toString());
    }

    @Test
    void theBoundsAreTheRulesOwn() {
        for (Setting s : ThrottleSettings.DECLARED) {
            assertTrue(s.min() >= 0 && s.max() <= Math.max(10_080, ThrottleSettings.MAX_DAILY_MESSAGE_BUDGET), s.key());
            // Every value within the bounds makes a valid rule.
            for (int value : new int[] {s.min(), s.max()}) {
                ThrottleSettings.rules(Map.of(s.key(), value == 0 && s.key().endsWith("Limit") ? 1 : value));
            }
        }
    }

    /** docs/throttles.md holds the table generated from the declarations ({@code -Dsspr.docs.write=true} rewrites it). */
    @Test
    void theDocsTableIsGeneratedFromTheDeclarations() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String expected = SettingsTable.replace(doc, SettingsTable.markdown(ThrottleSettings.DECLARED));
        if (Boolean.getBoolean("sspr.docs.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            return;
        }
        if (!expected.equals(doc)) {
            fail("docs/throttles.md's settings table differs from the declarations. Refresh it with: mvn -pl providers"
                    + " -am test -Dtest=ThrottleSettingsTest -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dsspr.docs.write=true");
        }
    }
}
