package io.github.sspr.throttle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The throttle's rules (docs/throttles.md), each number declared once here with its default, bounds and words
 * ({@link #options()}); the realm's policy turns every option into a setting (policy {@code ThrottleSettings}) and the
 * throttle reads the rules back from it ({@link #read}).
 *
 * @param gateFailures failed verifications per account and gate: 5 per hour, then the gate is blocked for 24 h
 * @param emailSends code emails per account: 10 per 10 minutes, then the email gate is blocked for 24 h
 * @param phoneNumberSends texts and calls per destination number (toll-fraud guard): 5 per hour, then that number
 *     gets nothing for 24 h
 * @param phoneCountrySends texts and calls per destination country (toll-fraud guard): 200 per hour; no block
 *     beyond the hour, since a country-wide block would lock out every legitimate user there for a day
 * @param realmTexts texts per realm per day (spend guard): 1000; refused until the day (UTC) ends
 * @param realmCalls calls per realm per day (spend guard): 500; refused until the day (UTC) ends
 * @param identifyPerIp identify attempts of the reset per client address per minute: 60 (a busy office behind one NAT
 *     address stays well under it; a script trying names does not)
 */
public record ThrottleRules(
        ThrottleRule gateFailures,
        ThrottleRule emailSends,
        ThrottleRule phoneNumberSends,
        ThrottleRule phoneCountrySends,
        ThrottleRule realmTexts,
        ThrottleRule realmCalls,
        ThrottleRule identifyPerIp) {

    public static final String GATE_FAILURES = "gate-failures";
    public static final String EMAIL_SENDS = "email-sends";
    public static final String PHONE_NUMBER_SENDS = "phone-number-sends";
    public static final String PHONE_COUNTRY_SENDS = "phone-country-sends";
    public static final String REALM_TEXTS = "realm-texts";
    public static final String REALM_CALLS = "realm-calls";
    public static final String IDENTIFY_IP = "identify-ip";

    static final String LIMIT = "-limit";
    static final String WINDOW = "-window-minutes";
    static final String BLOCK = "-block-minutes";

    /** The largest window and block, in minutes (from {@link ThrottleRule}'s bounds). */
    private static final int MAX_WINDOW_MINUTES = (int) ThrottleRule.MAX_WINDOW.toMinutes();

    private static final int MAX_BLOCK_MINUTES = (int) ThrottleRule.MAX_BLOCK.toMinutes();

    /**
     * One rule as declared: its default, what it counts, and whether an admin may set its window and block (the daily
     * caps and the per-address limit have a fixed window and never block: they refuse until the window ends).
     */
    private record Declared(ThrottleRule rule, String counts, boolean windowSettable, boolean blockSettable) {}

    private static final List<Declared> DECLARED = List.of(
            new Declared(
                    new ThrottleRule(GATE_FAILURES, 5, Duration.ofHours(1), Duration.ofHours(24)),
                    "Failed verifications per account and gate",
                    true,
                    true),
            new Declared(
                    new ThrottleRule(EMAIL_SENDS, 10, Duration.ofMinutes(10), Duration.ofHours(24)),
                    "Code emails per account",
                    true,
                    true),
            new Declared(
                    new ThrottleRule(PHONE_NUMBER_SENDS, 5, Duration.ofHours(1), Duration.ofHours(24)),
                    "Texts and calls per phone number",
                    true,
                    true),
            new Declared(
                    new ThrottleRule(PHONE_COUNTRY_SENDS, 200, Duration.ofHours(1), Duration.ZERO),
                    "Texts and calls per destination country",
                    true,
                    true),
            new Declared(
                    new ThrottleRule(REALM_TEXTS, 1000, Duration.ofDays(1), Duration.ZERO),
                    "Texts per realm per day",
                    false,
                    false),
            new Declared(
                    new ThrottleRule(REALM_CALLS, 500, Duration.ofDays(1), Duration.ZERO),
                    "Calls per realm per day",
                    false,
                    false),
            new Declared(
                    new ThrottleRule(IDENTIFY_IP, 300, Duration.ofMinutes(1), Duration.ZERO),
                    "Reset identify attempts per client address per minute",
                    false,
                    false));

    /**
     * One number an admin may set: {@code name} is the option (e.g. {@code gate-failures-limit}), with its default,
     * bounds, unit and words.
     */
    public record Option(
            String name, String rule, int defaultValue, int min, int max, String unit, String label, String help) {}

    public ThrottleRules {
        Objects.requireNonNull(gateFailures, "gateFailures");
        Objects.requireNonNull(emailSends, "emailSends");
        Objects.requireNonNull(phoneNumberSends, "phoneNumberSends");
        Objects.requireNonNull(phoneCountrySends, "phoneCountrySends");
        Objects.requireNonNull(realmTexts, "realmTexts");
        Objects.requireNonNull(realmCalls, "realmCalls");
        Objects.requireNonNull(identifyPerIp, "identifyPerIp");
    }

    /** The four per-subject rules, the others at their defaults (tests). */
    public ThrottleRules(
            ThrottleRule gateFailures,
            ThrottleRule emailSends,
            ThrottleRule phoneNumberSends,
            ThrottleRule phoneCountrySends) {
        this(
                gateFailures,
                emailSends,
                phoneNumberSends,
                phoneCountrySends,
                DECLARED.get(4).rule(),
                DECLARED.get(5).rule(),
                DECLARED.get(6).rule());
    }

    /** The default rules (docs/throttles.md). */
    public static ThrottleRules defaults() {
        return of(DECLARED.stream().map(Declared::rule).toList());
    }

    /** Every number an admin may set, in the order the editors show them. */
    public static List<Option> options() {
        List<Option> options = new ArrayList<>();
        for (Declared d : DECLARED) {
            ThrottleRule r = d.rule();
            options.add(new Option(
                    r.id() + LIMIT,
                    r.id(),
                    r.limit(),
                    1,
                    ThrottleRule.MAX_LIMIT,
                    "",
                    d.counts(),
                    d.windowSettable()
                            ? d.counts() + " within the window below; one more is refused"
                                    + (d.blockSettable() ? " and starts the block below." : ".")
                            : d.counts() + "; one more is refused until the " + windowWords(r.window()) + " ends."));
            if (d.windowSettable()) {
                options.add(new Option(
                        r.id() + WINDOW,
                        r.id(),
                        (int) r.window().toMinutes(),
                        1,
                        MAX_WINDOW_MINUTES,
                        "minutes",
                        d.counts() + ": window (minutes)",
                        "The period the limit above counts in (fixed windows)."));
            }
            if (d.blockSettable()) {
                options.add(new Option(
                        r.id() + BLOCK,
                        r.id(),
                        (int) r.blockFor().toMinutes(),
                        0,
                        MAX_BLOCK_MINUTES,
                        "minutes",
                        d.counts() + ": block (minutes)",
                        "How long going over the limit blocks; 0 = only until the window ends. An admin can lift a"
                                + " block (docs/throttles.md)."));
            }
        }
        return options;
    }

    private static String windowWords(Duration window) {
        return window.equals(Duration.ofDays(1)) ? "day (UTC)" : "minute";
    }

    /**
     * Reads the rules; an option that is not set (or not settable) keeps its default.
     *
     * @param options an option's value by name, or {@code null} when unset
     * @throws IllegalArgumentException naming the option, when a value is not a number or out of bounds
     */
    public static ThrottleRules read(Function<String, String> options) {
        List<ThrottleRule> rules = new ArrayList<>();
        for (Declared d : DECLARED) {
            ThrottleRule rule = d.rule();
            int limit = (int) number(options, rule.id() + LIMIT, rule.limit());
            long window = d.windowSettable()
                    ? number(options, rule.id() + WINDOW, rule.window().toMinutes())
                    : rule.window().toMinutes();
            long block = d.blockSettable()
                    ? number(options, rule.id() + BLOCK, rule.blockFor().toMinutes())
                    : rule.blockFor().toMinutes();
            rules.add(new ThrottleRule(rule.id(), limit, Duration.ofMinutes(window), Duration.ofMinutes(block)));
        }
        return of(rules);
    }

    private static ThrottleRules of(List<ThrottleRule> r) {
        return new ThrottleRules(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6));
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
