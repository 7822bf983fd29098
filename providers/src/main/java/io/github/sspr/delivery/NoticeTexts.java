package io.github.sspr.delivery;

import io.github.sspr.activity.ActivityMetrics;
import io.github.sspr.delivery.guard.SendGuards;
import io.github.sspr.delivery.rule.Channel;
import io.github.sspr.delivery.rule.Destinations;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.Locale;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A text message that carries no code (a password-expiry reminder: docs/insight.md), sent by the same last step as the
 * codes ({@link Sending}): the realm's SMS provider behind its circuit breaker, the policy's SMS switch and country
 * guard first, the {@code sspr_sends_total} metric after. There is no second sender.
 */
public final class NoticeTexts {

    private NoticeTexts() {}

    /** Whether the policy lets a text go to {@code number} at all (SMS allowed, the number's country allowed). */
    public static boolean allowed(SsprPolicy policy, String number) {
        return number != null
                && policy.allows(Method.SMS)
                && Destinations.refusal(policy, Method.SMS, number).isEmpty();
    }

    /**
     * Sends {@code body} to {@code number} now; returns why it did not leave, or empty when the provider took it.
     *
     * @param what a secret-free label for logs, e.g. {@code expiry-reminder}
     */
    public static Optional<String> send(
            KeycloakSession session,
            RealmModel realm,
            SsprPolicy policy,
            String what,
            String number,
            String body,
            Locale locale) {
        if (!allowed(policy, number)) {
            return Optional.of(Destinations.COUNTRY_NOT_ALLOWED);
        }
        String failure = Sending.phone(session, realm, SendGuards.of(session), what, Channel.SMS, number, body, locale);
        ActivityMetrics.global()
                .send(
                        realm.getName(),
                        Method.SMS.id(),
                        failure == null ? ActivityMetrics.SENT : ActivityMetrics.FAILED);
        return Optional.ofNullable(failure);
    }
}
