package io.github.sspr.throttle.store;

import io.github.sspr.activity.ActivityMetrics;
import io.github.sspr.notify.Notifier;
import io.github.sspr.throttle.LimitEvents;
import io.github.sspr.throttle.MessageBudget;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The throttle's limit hits as Keycloak sees them (docs/throttles.md, "Events and metrics"): one
 * {@code RESET_PASSWORD_ERROR} event per hit (error {@value #LIMIT_HIT}, or {@value #BUDGET} for a budget threshold;
 * details {@code sspr_step}, {@code sspr_limit}, {@code sspr_target}), one count in {@code sspr_limit_hits_total}, and
 * for a budget threshold one mail to the realm's admins through {@link Notifier}. The event has a step and no flow id,
 * so the activity listener makes no row of it.
 */
final class LimitAlerts implements LimitEvents {

    static final String LIMIT_HIT = "sspr_limit_hit";
    static final String BUDGET = "sspr_message_budget";

    private static final Logger LOG = Logger.getLogger(LimitAlerts.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    LimitAlerts(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @Override
    public void limitHit(String rule, String userId, String target) {
        ActivityMetrics.global().limitHit(realm.getName(), rule);
        EventBuilder event = event("limit-hit", rule, target);
        // A decoy's pseudonym is no account: the event then names none.
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        if (user != null) {
            event.user(user);
        }
        event.error(LIMIT_HIT);
        LOG.infof("SSPR realm %s: limit %s hit (%s)", realm.getName(), rule, target == null ? "-" : target);
    }

    @Override
    public void budgetReached(int percent, int budget) {
        String limit = MessageBudget.RULE + "-" + percent;
        ActivityMetrics.global().limitHit(realm.getName(), limit);
        event("budget-" + percent, limit, Integer.toString(budget)).error(BUDGET);
        Notifier.notifyAdminsOfRealm(
                session,
                realm,
                percent >= 100
                        ? Notifier.AdminAlert.MESSAGE_BUDGET_REACHED
                        : Notifier.AdminAlert.MESSAGE_BUDGET_WARNING,
                Integer.toString(budget));
        LOG.warnf("SSPR realm %s: %d %% of the daily message budget (%d) used", realm.getName(), percent, budget);
    }

    private EventBuilder event(String step, String limit, String target) {
        return new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.RESET_PASSWORD_ERROR)
                .detail("sspr_step", step)
                .detail("sspr_limit", limit)
                .detail("sspr_target", target == null ? "" : target);
    }
}
