package io.github.sspr.activity;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.policy.Method;
import java.util.List;
import java.util.Locale;

/**
 * Whether a user could reset their password by themselves today, as the readiness report shows it: the report's view of
 * the policy-for-user rule's answer ({@link ResetAccess}), never a rule of its own, so that the report and the reset
 * flow cannot disagree.
 *
 * @param registered method ids the user has registered and may use (e.g. {@code email}, {@code sms})
 * @param factors distinct factors those methods prove; SMS and voice reach one phone and count once
 * @param gatesRequired gates the policy asks of this user (privileged users get two)
 * @param ready whether the user can reset
 * @param reason {@code ready}, or why not ({@link ResetAccess.Reason#id()})
 */
public record Readiness(
        List<String> registered, List<String> factors, int gatesRequired, boolean ready, String reason) {

    public static Readiness of(ResetAccess access) {
        return new Readiness(
                access.methods().stream().map(Method::id).sorted().toList(),
                access.factors().stream()
                        .map(f -> f.name().toLowerCase(Locale.ROOT))
                        .sorted()
                        .toList(),
                access.gatesRequired(),
                access.canReset(),
                access.reason().id());
    }
}
