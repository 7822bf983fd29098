package io.github.sspr.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThrottleRulesTest {

    @Test
    void defaultsFollowTheDesign() {
        ThrottleRules rules = ThrottleRules.defaults();

        assertEquals(
                new ThrottleRule("gate-failures", 5, Duration.ofHours(1), Duration.ofHours(24)), rules.gateFailures());
        assertEquals(
                new ThrottleRule("email-sends", 10, Duration.ofMinutes(10), Duration.ofHours(24)), rules.emailSends());
        assertEquals(5, rules.phoneNumberSends().limit());
        assertEquals(200, rules.phoneCountrySends().limit());
        assertEquals(Duration.ZERO, rules.phoneCountrySends().blockFor());
    }

    @Test
    void unsetOptionsKeepTheirDefaults() {
        assertEquals(ThrottleRules.defaults(), ThrottleRules.read(name -> null));
        assertEquals(ThrottleRules.defaults(), ThrottleRules.read(name -> " "));
    }

    @Test
    void optionsOverrideTheDefaults() {
        Map<String, String> options = Map.of(
                "gate-failures-limit", "3",
                "gate-failures-block-minutes", "60",
                "phone-country-sends-window-minutes", "1440");

        ThrottleRules rules = ThrottleRules.read(options::get);

        assertEquals(3, rules.gateFailures().limit());
        assertEquals(Duration.ofHours(1), rules.gateFailures().blockFor());
        assertEquals(Duration.ofDays(1), rules.phoneCountrySends().window());
    }

    @Test
    void unsafeValuesFailWithTheOptionsName() {
        IllegalArgumentException notANumber = assertThrows(
                IllegalArgumentException.class,
                () -> ThrottleRules.read(name -> name.equals("email-sends-limit") ? "ten" : null));
        assertTrue(notANumber.getMessage().contains("email-sends-limit"), notANumber.getMessage());

        assertThrows(IllegalArgumentException.class, () -> ThrottleRules.read(n -> n.endsWith("-limit") ? "0" : null));
        assertThrows(
                IllegalArgumentException.class,
                () -> ThrottleRules.read(n -> n.endsWith("-window-minutes") ? "0" : null));
        assertThrows(
                IllegalArgumentException.class,
                () -> ThrottleRules.read(n -> n.endsWith("-block-minutes") ? "20000" : null));
    }

    @Test
    void metadataDeclaresThreeOptionsPerRuleWithTheDefaults() {
        Map<String, Long> options = ThrottleRules.options();

        assertEquals(12, options.size());
        assertTrue(options.containsKey("phone-number-sends-block-minutes"));
        Map<String, String> defaults = new java.util.HashMap<>();
        options.forEach((name, value) -> defaults.put(name, String.valueOf(value)));
        assertEquals(ThrottleRules.defaults(), ThrottleRules.read(defaults::get));
    }
}
