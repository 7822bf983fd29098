package io.github.sspr.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.sspr.config.Setting;
import io.github.sspr.config.SettingError;
import io.github.sspr.config.SettingsTable;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy's settings are declared once; everything else agrees with the declarations. */
class PolicySettingsTest {

    private static final Path DOC = Path.of("..", "docs", "policy.md");

    @Test
    void everyComponentOfThePolicyIsOneDeclaredSettingAndBack() {
        List<String> components = java.util.Arrays.stream(SsprPolicy.class.getRecordComponents())
                .map(RecordComponent::getName)
                // Two keys are older than the record: they keep their stored names.
                .map(name -> name.equals("offeredQuestionIds") ? "offeredQuestions" : name)
                .map(name -> name.equals("enablement") ? "enabled" : name)
                // The realm's Twilio account is one component of four settings (TwilioAccount).
                .flatMap(name -> name.equals("twilio")
                        ? java.util.Arrays.stream(TwilioAccount.class.getRecordComponents())
                                .map(c -> "twilio"
                                        + Character.toUpperCase(c.getName().charAt(0))
                                        + c.getName().substring(1))
                                .map(key -> key.equals("twilioAuthTokenRef") ? "twilioAuthToken" : key)
                        : name.equals("limits")
                                // The throttle's numbers are one component, a map by setting key (ThrottleSettings).
                                ? ThrottleSettings.DECLARED.stream().map(Setting::key)
                                : java.util.stream.Stream.of(name))
                .toList();
        assertEquals(
                components,
                SsprPolicyConfig.SETTINGS.settings().stream().map(Setting::key).toList());
    }

    /** Each setting changed alone gives a policy that is not equal, and hashes differently, to the defaults. */
    @Test
    void equalityAndHashCodeSeeEverySetting() {
        SsprPolicy defaults = SsprPolicy.defaults();
        for (Setting setting : SsprPolicyConfig.SETTINGS.settings()) {
            Map<String, List<String>> config = new HashMap<>(SsprPolicyConfig.SETTINGS.store(defaults));
            config.put(setting.key(), other(setting));
            if (setting.key().equals(SsprPolicyConfig.ENABLED_GROUP)) {
                config.put(SsprPolicyConfig.ENABLED, List.of("group"));
                SsprPolicy inGroup = StoredPolicy.parse(config).builder().unchecked();
                config.put(setting.key(), List.of("/other"));
                SsprPolicy inOther = StoredPolicy.parse(config).builder().unchecked();
                assertNotEquals(inGroup, inOther, setting.key());
                assertNotEquals(inGroup.hashCode(), inOther.hashCode(), setting.key());
                continue;
            }
            SsprPolicy changed = StoredPolicy.parse(config).builder().unchecked();
            assertNotEquals(defaults, changed, setting.key());
            assertNotEquals(defaults.hashCode(), changed.hashCode(), setting.key());
        }
    }

    /** A value other than the default, of the setting's kind. */
    private static List<String> other(Setting s) {
        return switch (s.kind()) {
            case BOOLEAN -> List.of(String.valueOf(!(Boolean) s.defaultValue()));
            case INTEGER, NUMBER_CHOICE ->
                List.of(String.valueOf(((Integer) s.defaultValue()).equals(s.min()) ? s.max() : s.min()));
            case CHOICE ->
                List.of(s.options().stream()
                        .filter(o -> !o.equals(s.defaultValue()))
                        .findFirst()
                        .orElseThrow());
            case MULTI_CHOICE -> List.of(s.options().get(s.options().size() - 1));
            case TEXT_LIST -> List.of("DE");
            default -> List.of("/staff");
        };
    }

    /** What the dashboard's editor sends and stores reads back as the same policy. */
    @Test
    void theStoredAndRestFormsReadBackAsTheSamePolicy() {
        SsprPolicy policy = SsprPolicy.builder()
                .methods(List.of(Method.EMAIL, Method.QUESTIONS))
                .gatesRequired(2)
                .questionsToRegister(4)
                .phoneCountries(List.of("US", "DE", "FR"))
                .orgName("Example")
                .customQuestions(List.of("Where did you learn to swim?"))
                .build();
        assertEquals(policy, StoredPolicy.read(SsprPolicyConfig.SETTINGS.store(policy)));

        List<SettingError> errors = new ArrayList<>();
        Map<String, Object> rest = new LinkedHashMap<>(SsprPolicyConfig.SETTINGS.values(policy));
        assertEquals(policy, StoredPolicy.read(SsprPolicyConfig.SETTINGS.fromJson(rest, errors)));
        assertEquals(List.of(), errors);
        assertEquals(List.of("US", "DE", "FR"), rest.get(SsprPolicyConfig.PHONE_COUNTRIES), "the admin's order");
    }

    @Test
    void anEditorsJsonIsRefusedByFieldWhenItIsNotASettingOrHasTheWrongShape() {
        List<SettingError> errors = new ArrayList<>();
        SsprPolicyConfig.SETTINGS.fromJson(
                Map.of(
                        "colour",
                        "#fff",
                        SsprPolicyConfig.METHODS,
                        "email",
                        SsprPolicyConfig.GATES_REQUIRED,
                        List.of(1)),
                errors);
        assertEquals(
                List.of("colour", SsprPolicyConfig.GATES_REQUIRED, SsprPolicyConfig.METHODS),
                errors.stream().map(SettingError::field).sorted().toList());
    }

    @Test
    void boundsComeFromTheDeclarations() {
        for (Setting s : SsprPolicyConfig.SETTINGS.settings()) {
            if (s.kind() == Setting.Kind.INTEGER || s.kind() == Setting.Kind.NUMBER_CHOICE) {
                for (int bad : new int[] {s.min() - 1, s.max() + 1}) {
                    List<SettingError> errors =
                            SsprPolicyValidator.validate(Map.of(s.key(), List.of(Integer.toString(bad))));
                    assertTrue(
                            errors.contains(new SettingError(s.key(), "must be " + s.range())),
                            s.key() + " " + bad + ": " + errors);
                }
            }
        }
    }

    /**
     * docs/policy.md holds the settings table generated from the declarations. Run with {@code -Dsspr.docs.write=true}
     * to rewrite it.
     */
    @Test
    void theDocsTableIsGeneratedFromTheDeclarations() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String table = SettingsTable.markdown(SsprPolicyConfig.SETTINGS.settings());
        String expected = SettingsTable.replace(doc, table);
        if (Boolean.getBoolean("sspr.docs.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            return;
        }
        if (!expected.equals(doc)) {
            fail("docs/policy.md's settings table differs from the declarations in SsprPolicyConfig. Refresh it with:"
                    + " mvn -pl providers -am test -Dtest=PolicySettingsTest -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dsspr.docs.write=true");
        }
    }
}
