package io.github.sspr.policy;

import static io.github.sspr.config.Setting.Kind.INTEGER;

import io.github.sspr.config.Setting;
import io.github.sspr.throttle.ThrottleRules;
import java.util.List;
import java.util.Map;

/**
 * The throttle's numbers as policy settings (docs/throttles.md): one {@link Setting} per {@link ThrottleRules#options()
 * option}, so that the limits are set, bounded, exported and shown like every other policy setting. The key is the
 * option's name in camel case ({@code gate-failures-limit} → {@code gateFailuresLimit}). The defaults and bounds live
 * in {@link ThrottleRules}; this class only renames them.
 */
public final class ThrottleSettings {

    /** The settings, in {@link ThrottleRules#options()}'s order. */
    static final List<Setting> DECLARED = ThrottleRules.options().stream()
            .map(o -> Setting.builder(key(o.name()), INTEGER)
                    .label(o.label())
                    .bounds(o.min(), o.max())
                    .unit(o.unit())
                    .defaultValue(o.defaultValue())
                    .help(o.help())
                    .build())
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

    /** The rules in force under {@code limits} (the policy's values by key; a missing key keeps its default). */
    static ThrottleRules rules(Map<String, Integer> limits) {
        return ThrottleRules.read(option -> {
            Integer value = limits.get(key(option));
            return value == null ? null : value.toString();
        });
    }
}
