package io.github.sspr.throttle.store;

import static io.github.sspr.throttle.store.ThrottleKeys.digest;
import static io.github.sspr.throttle.store.ThrottleKeys.gateSubject;
import static io.github.sspr.throttle.store.ThrottleKeys.phoneSubject;

import io.github.sspr.policy.Method;
import io.github.sspr.throttle.Counters;
import io.github.sspr.throttle.Decision;
import io.github.sspr.throttle.MessageBudget;
import io.github.sspr.throttle.ThrottleRule;
import io.github.sspr.throttle.ThrottleRules;
import java.util.List;
import java.util.Locale;

/**
 * Whether a text or call to a number would be refused now, to grey the method out before the click
 * (docs/throttles.md, "What the user sees"): the user's gate, the number's and the country's blocks, whether the
 * number, the country or the realm's daily count is at its cap, and the daily message budget. It only reads;
 * {@link Throttle#tryPhoneSend} counts, under the same keys.
 */
final class PhoneCheck {

    private PhoneCheck() {}

    static Decision check(
            Counters counters,
            ThrottleRules rules,
            ThrottleRule perRealm,
            MessageBudget budget,
            String userId,
            Method channel,
            String e164,
            String region) {
        long gateBlocked = counters.blockedSeconds(gateSubject(userId, channel));
        if (gateBlocked > 0) {
            return Decision.deny(Decision.GATE_BLOCKED, gateBlocked);
        }
        String number = "n:" + digest(e164);
        String country = "c:" + (region == null ? "ZZ" : region.toUpperCase(Locale.ROOT));
        for (ThrottleRule rule : List.of(rules.phoneNumberSends(), rules.phoneCountrySends(), perRealm)) {
            String subject =
                    rule == rules.phoneNumberSends() ? number : rule == rules.phoneCountrySends() ? country : "";
            long blocked = subject.isEmpty() ? 0 : counters.blockedSeconds(phoneSubject(subject));
            if (blocked > 0) {
                return Decision.deny(rule.id(), blocked);
            }
            // A cap that blocks is shown once its block is set (the send over the cap sets it); a cap without a block
            // (the country's, the realm's day) is shown as soon as it is full.
            String counter = subject.isEmpty() ? rule.id() : rule.id() + ":" + subject;
            if (rule.blockFor().isZero() && counters.read(counter, rule.window(), rule.limit()) >= rule.limit()) {
                return Decision.deny(rule.id(), counters.secondsLeftInWindow(rule.window()));
            }
        }
        if (budget.full()) {
            return Decision.deny(MessageBudget.RULE, budget.secondsLeft());
        }
        return Decision.allow(1);
    }
}
