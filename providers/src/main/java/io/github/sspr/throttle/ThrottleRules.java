package io.github.sspr.throttle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The throttle's rules (docs/architecture.md, "Security numbers"), declared once with their defaults ({@link #options()}) and read once
 * ({@link #read}).
 *
 * @param gateFailures failed verifications per account and gate: 5 per hour, then the gate is blocked for 24 h
 * @param emailSends code emails per account: 10 per 10 minutes, then the email gate is blocked for 24 h
 * @param phoneNumberSends texts and calls per destination number (toll-fraud guard): 5 per hour, then that number
 *     gets nothing for 24 h
 * @param phoneCountrySends texts and calls per destination country (toll-fraud guard): 200 per hour; no block
 *     beyond the hour, since a country-wide block would lock out every legitimate user there for a day
 */
public record ThrottleRules(
        ThrottleRule gateFailures,
        ThrottleRule emailSends,
        ThrottleRule phoneNumberSends,
        ThrottleRule phoneCountrySends) {

    public static final String GATE_FAILURES = "gate-failures";
    public static final String EMAIL_SENDS = "email-sends";
    public static final String PHONE_NUMBER_SENDS = "phone-number-sends";
    public static final String PHONE_COUNTRY_SENDS = "phone-country-sends";

    static final String LIMIT = "-limit";
    static final String WINDOW = "-window-minutes";
    static final String BLOCK = "-block-minutes";

    private static final List<ThrottleRule> DEFAULTS = List.of(
            new ThrottleRule(GATE_FAILURES, 5, Duration.ofHours(1), Duration.ofHours(24)),
            new ThrottleRule(EMAIL_SENDS, 10, Duration.ofMinutes(10), Duration.ofHours(24)),
            new ThrottleRule(PHONE_NUMBER_SENDS, 5, Duration.ofHours(1), Duration.ofHours(24)),
            new ThrottleRule(PHONE_COUNTRY_SENDS, 200, Duration.ofHours(1), Duration.ZERO));

    private static final List<String> HELP = List.of(
            "failed verifications per account and gate",
            "code emails per account",
            "texts and calls per destination phone number",
            "texts and calls per destination country");

    public ThrottleRules {
        Objects.requireNonNull(gateFailures, "gateFailures");
        Objects.requireNonNull(emailSends, "emailSends");
        Objects.requireNonNull(phoneNumberSends, "phoneNumberSends");
        Objects.requireNonNull(phoneCountrySends, "phoneCountrySends");
    }

    /** The default rules (docs/architecture.md, "Security numbers"). */
    public static ThrottleRules defaults() {
        return new ThrottleRules(DEFAULTS.get(0), DEFAULTS.get(1), DEFAULTS.get(2), DEFAULTS.get(3));
    }

    /**
     * One limit, window and block option per rule with its default, e.g. {@code gate-failures-limit} = 5 (the
     * options {@link #read} understands; the window and block in minutes).
     */
    public static Map<String, Long> options() {
        Map<String, Long> options = new LinkedHashMap<>();
        for (ThrottleRule rule : DEFAULTS) {
            options.put(rule.id() + LIMIT, (long) rule.limit());
            options.put(rule.id() + WINDOW, rule.window().toMinutes());
            options.put(rule.id() + BLOCK, rule.blockFor().toMinutes());
        }
        return options;
    }

    /** Prefix of the realm attributes that override a rule, e.g. {@code sspr.throttle.gate-failures-limit}. */
    public static final String REALM_ATTRIBUTE_PREFIX = "sspr.throttle.";

    /**
     * Reads the rules; an option that is not set keeps its default.
     *
     * @param options an option's value by name ({@code scope::get} for server options), or {@code null} when unset
     * @throws IllegalArgumentException naming the option, when a value is not a number or out of bounds
     */
    public static ThrottleRules read(Function<String, String> options) {
        List<ThrottleRule> rules = new ArrayList<>();
        for (ThrottleRule rule : DEFAULTS) {
            int limit = (int) number(options, rule.id() + LIMIT, rule.limit());
            long window = number(options, rule.id() + WINDOW, rule.window().toMinutes());
            long block = number(options, rule.id() + BLOCK, rule.blockFor().toMinutes());
            rules.add(new ThrottleRule(rule.id(), limit, Duration.ofMinutes(window), Duration.ofMinutes(block)));
        }
        return new ThrottleRules(rules.get(0), rules.get(1), rules.get(2), rules.get(3));
    }

    private static long number(Function<String, String> options, String name, long fallback) {
        String value = options.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "sspr throttle: " + name + " must be a whole number, was '" + value + "'");
        }
    }
}
