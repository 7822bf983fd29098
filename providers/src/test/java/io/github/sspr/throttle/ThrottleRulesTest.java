package io.github.sspr.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
    void optionsDeclareEverySettableNumberWithItsDefaultAndBounds() {
        List<ThrottleRules.Option> options = ThrottleRules.options();

        // Three numbers for each of the four per-subject rules, the limit alone for the two daily caps and the
        // per-address limit.
        assertEquals(15, options.size());
        assertTrue(options.stream().anyMatch(o -> o.name().equals("phone-number-sends-block-minutes")));
        assertTrue(options.stream().noneMatch(o -> o.name().equals("realm-texts-window-minutes")));
        Map<String, String> defaults = new HashMap<>();
        options.forEach(o -> defaults.put(o.name(), String.valueOf(o.defaultValue())));
        assertEquals(ThrottleRules.defaults(), ThrottleRules.read(defaults::get));
        for (ThrottleRules.Option o : options) {
            assertTrue(o.min() <= o.defaultValue() && o.defaultValue() <= o.max(), o.name());
        }
    }

    @Test
    void theDailyCapsAndThePerAddressLimitHaveFixedWindowsAndNeverBlock() {
        ThrottleRules rules = ThrottleRules.read(name ->
                name.equals("realm-texts-limit") ? "7" : name.equals("realm-texts-window-minutes") ? "5" : null);

        assertEquals(7, rules.realmTexts().limit());
        assertEquals(Duration.ofDays(1), rules.realmTexts().window(), "a window that is not settable is ignored");
        assertEquals(Duration.ZERO, rules.realmCalls().blockFor());
        assertEquals(Duration.ofMinutes(1), rules.identifyPerIp().window());
    }
}
