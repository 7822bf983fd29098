package io.github.sspr.policy;

import static io.github.sspr.config.Setting.Kind.INTEGER;

import io.github.sspr.config.Setting;
import io.github.sspr.otp.CodeSettings;
import io.github.sspr.throttle.ThrottleRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The throttle's numbers as policy settings (docs/throttles.md): one {@link Setting} per {@link ThrottleRules#options()
 * option}, so that the limits are set, bounded, exported and shown like every other policy setting. The key is the
 * option's name in camel case ({@code gate-failures-limit} → {@code gateFailuresLimit}). The defaults and bounds live
 * in {@link ThrottleRules}; this class only renames them.
 */
public final class ThrottleSettings {

    /** Sends per flow (authentication session), over all purposes: the code core's {@code maxSendsPerFlow}. */
    public static final String CODE_SENDS_PER_FLOW = "codeSendsPerFlow";

    /** Seconds between two sends of one purpose in a flow: the code core's {@code resendCooldown}. */
    public static final String CODE_RESEND_COOLDOWN_SECONDS = "codeResendCooldownSeconds";

    /** Texts and calls per realm and UTC day that alert the admins at 80 % and refuse at 100 %; 0 = off. */
    public static final String DAILY_MESSAGE_BUDGET = "dailyMessageBudget";

    /** The largest daily message budget (as every throttle limit). */
    public static final int MAX_DAILY_MESSAGE_BUDGET = io.github.sspr.throttle.ThrottleRule.MAX_LIMIT;

    /**
     * The per-flow numbers of the code core and the daily message budget: counted elsewhere than the throttle's
     * rules, but limits all the same, so they are declared, stored and shown with them.
     */
    private static final List<Setting> FLOW_AND_BUDGET = List.of(
            Setting.builder(CODE_SENDS_PER_FLOW, INTEGER)
                    .label("Code sends per reset or registration")
                    .bounds(1, CodeSettings.MAX_SENDS_PER_FLOW)
                    .defaultValue(CodeSettings.DEFAULT_MAX_SENDS_PER_FLOW)
                    .help("Codes one reset or registration (one browser flow) may send, over all its methods;"
                            + " one more is refused until the user starts again.")
                    .build(),
            Setting.builder(CODE_RESEND_COOLDOWN_SECONDS, INTEGER)
                    .label("Wait before sending a code again (seconds)")
                    .bounds(0, (int) CodeSettings.MAX_RESEND_COOLDOWN.toSeconds())
                    .unit("seconds")
                    .defaultValue((int) CodeSettings.DEFAULT_RESEND_COOLDOWN.toSeconds())
                    .help("Time a flow waits before it may send a code of the same kind again; 0 = no wait.")
                    .build(),
            Setting.builder(DAILY_MESSAGE_BUDGET, INTEGER)
                    .label("Daily message budget")
                    .bounds(0, MAX_DAILY_MESSAGE_BUDGET)
                    .defaultValue(0)
                    .help("Texts and calls per realm per day (UTC) together. At 80 % and at 100 % the realm's"
                            + " administrators get one event and one email each; at 100 % further texts and calls"
                            + " are refused until the day ends. 0 = no budget.")
                    .build());

    /** The settings, in {@link ThrottleRules#options()}'s order, then the per-flow numbers and the budget. */
    static final List<Setting> DECLARED = Stream.concat(
                    ThrottleRules.options().stream()
                            .map(o -> Setting.builder(key(o.name()), INTEGER)
                                    .label(o.label())
                                    .bounds(o.min(), o.max())
                                    .unit(o.unit())
                                    .defaultValue(o.defaultValue())
                                    .help(o.help())
                                    .build()),
                    FLOW_AND_BUDGET.stream())
            .toList();

    private ThrottleSettings() {}

    /** The policy key of a throttle option, e.g. {@code gateFailuresLimit}. */
    public static String key(String option) {
        StringBuilder key = new StringBuilder();
        boolean upper = false;
        for (char c : option.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                key.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return key.toString();
    }

    /** The code core's settings for a channel under {@code policy}'s per-flow numbers. */
    public static CodeSettings codeSettings(CodeSettings channel, SsprPolicy policy) {
        return channel.withFlowLimits(
                value(policy, CODE_SENDS_PER_FLOW), Duration.ofSeconds(value(policy, CODE_RESEND_COOLDOWN_SECONDS)));
    }

    /** The realm's daily message budget under {@code policy}; 0 = none. */
    public static int dailyMessageBudget(SsprPolicy policy) {
        return value(policy, DAILY_MESSAGE_BUDGET);
    }

    private static int value(SsprPolicy policy, String key) {
        Integer value = policy.limit(key);
        if (value != null) {
            return value;
        }
        return FLOW_AND_BUDGET.stream()
                .filter(s -> s.key().equals(key))
                .map(s -> (Integer) s.defaultValue())
                .findFirst()
                .orElseThrow();
    }

    /** The rules in force under {@code limits} (the policy's values by key; a missing key keeps its default). */
    static ThrottleRules rules(Map<String, Integer> limits) {
        return ThrottleRules.read(option -> {
            Integer value = limits.get(key(option));
            return value == null ? null : value.toString();
        });
    }
}
