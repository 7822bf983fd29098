package io.github.sspr.throttle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The throttle's rules (DESIGN §5), declared once with their defaults ({@link #metadata()}) and read once
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

    private static final Logger LOG = Logger.getLogger(ThrottleRules.class);

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

    /** The rules of DESIGN §5. */
    public static ThrottleRules defaults() {
        return new ThrottleRules(DEFAULTS.get(0), DEFAULTS.get(1), DEFAULTS.get(2), DEFAULTS.get(3));
    }

    /** One limit, window and block option per rule, e.g. {@code gate-failures-limit}. */
    public static List<ProviderConfigProperty> metadata() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        for (int i = 0; i < DEFAULTS.size(); i++) {
            ThrottleRule rule = DEFAULTS.get(i);
            String what = HELP.get(i);
            builder.property()
                    .name(rule.id() + LIMIT)
                    .type(ProviderConfigProperty.INTEGER_TYPE)
                    .defaultValue(rule.limit())
                    .helpText("Most " + what + " per window (1-" + ThrottleRule.MAX_LIMIT + ").")
                    .add()
                    .property()
                    .name(rule.id() + WINDOW)
                    .type(ProviderConfigProperty.INTEGER_TYPE)
                    .defaultValue(rule.window().toMinutes())
                    .helpText("Window for " + what + ", in minutes (1-1440).")
                    .add()
                    .property()
                    .name(rule.id() + BLOCK)
                    .type(ProviderConfigProperty.INTEGER_TYPE)
                    .defaultValue(rule.blockFor().toMinutes())
                    .helpText("Block after too many " + what + ", in minutes (0 = until the window ends; at most"
                            + " 10080).")
                    .add();
        }
        return builder.build();
    }

    /** Prefix of the realm attributes that override a rule, e.g. {@code sspr.throttle.gate-failures-limit}. */
    public static final String REALM_ATTRIBUTE_PREFIX = "sspr.throttle.";

    /**
     * The rules in force in {@code realm}: the defaults, overridden by realm attributes
     * {@code sspr.throttle.<option>} (exported and imported with the realm). Values that are not numbers or out of
     * bounds are ignored with a warning naming the option, and the defaults apply.
     */
    public static ThrottleRules forRealm(RealmModel realm) {
        try {
            return read(name -> realm.getAttribute(REALM_ATTRIBUTE_PREFIX + name));
        } catch (IllegalArgumentException invalid) {
            LOG.warnf(
                    "SSPR realm %s: throttle settings ignored, defaults apply: %s",
                    realm.getName(), invalid.getMessage());
            return defaults();
        }
    }

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
