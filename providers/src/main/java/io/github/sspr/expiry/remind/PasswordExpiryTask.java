package io.github.sspr.expiry.remind;

import io.github.sspr.access.UserWalk;
import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import io.github.sspr.activity.store.ActivityStore;
import io.github.sspr.branding.Branding;
import io.github.sspr.branding.LoginMessages;
import io.github.sspr.delivery.NoticeTexts;
import io.github.sspr.expiry.ExpiryReminders;
import io.github.sspr.expiry.ReminderRule;
import io.github.sspr.notify.ExpiryNotices;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.store.SsprPolicies;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Password-expiry reminders (docs/insight.md): walks every realm with an SSPR policy whose {@code expiryReminderDays}
 * is set ({@link UserWalk}, a page per transaction), asks {@link ReminderRule} about each user whose password expires
 * ({@link PasswordExpiry}), and sends the reminder due — a mail ({@link ExpiryNotices}) and, with a registered phone the
 * policy allows, a text ({@link NoticeTexts}) — with one activity row each. Each threshold is claimed once per password
 * in Keycloak's cluster-wide single-use-object store before anything is sent, so two runs (or two nodes) never send it
 * twice. Scheduled once per interval in the whole cluster ({@code spi.OncePerCluster}, docs/cluster.md).
 */
public final class PasswordExpiryTask implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(PasswordExpiryTask.class);

    private final String serverBase;

    /**
     * @param serverBase the server's public base URL for the links in scheduled runs (Keycloak's {@code hostname}
     *     option), or {@code null}; a realm's own frontend URL wins
     */
    public PasswordExpiryTask(String serverBase) {
        this.serverBase = serverBase;
    }

    @Override
    public String getTaskName() {
        return "sspr-password-expiry";
    }

    @Override
    public void run(KeycloakSession session) {
        session.realms()
                .getRealmsStream()
                .filter(realm -> SsprPolicies.component(realm).isPresent())
                .map(realm -> new String[] {realm.getId(), base(realm, serverBase)})
                .toList()
                .forEach(realm -> {
                    try {
                        remind(session.getKeycloakSessionFactory(), realm[0], realm[1]);
                    } catch (RuntimeException e) {
                        LOG.warnf(
                                "SSPR: password-expiry reminders of realm %s not sent: %s",
                                realm[0], e.getClass().getSimpleName());
                    }
                });
    }

    /** The base URL of a realm's links: its frontend URL when set, else {@code fallback}. */
    public static String base(RealmModel realm, String fallback) {
        String frontend = realm.getAttribute("frontendUrl");
        if (frontend != null && !frontend.isBlank()) {
            // The realm's frontend URL names the server ("https://sso.example.com" or ".../auth"), not the realm.
            return frontend.endsWith("/") ? frontend : frontend + "/";
        }
        return fallback;
    }

    /**
     * Sends the reminders due in one realm now; answers the counts ({@code users}, {@code reminded}, {@code mails},
     * {@code texts}, {@code noAddress}).
     *
     * @param base the public base URL for the change link; without one nothing is sent (a link to the wrong host
     *     would be worse than none) and a WARN says how to set it
     */
    public Map<String, Integer> remind(KeycloakSessionFactory factory, String realmId, String base) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String key : List.of("users", "reminded", "mails", "texts", "noAddress")) {
            counts.put(key, 0);
        }
        if (base == null) {
            LOG.warnf(
                    "SSPR realm %s: password-expiry reminders need the server's public URL: set Keycloak's hostname"
                            + " option or the realm's frontend URL",
                    realmId);
            return counts;
        }
        new UserWalk(factory, realmId, null).walk(0, Integer.MAX_VALUE, Integer.MAX_VALUE, null, seen -> {
            counts.merge("users", 1, Integer::sum);
            remindOne(seen, base, counts);
            return null;
        });
        return counts;
    }

    private void remindOne(UserWalk.Seen seen, String base, Map<String, Integer> counts) {
        KeycloakSession session = seen.session();
        RealmModel realm = session.getContext().getRealm();
        UserModel user = seen.user();
        SsprPolicy policy = SsprPolicies.forRealm(realm);
        List<Integer> thresholds = thresholds(policy);
        if (thresholds.isEmpty() || !user.isEnabled()) {
            return;
        }
        Optional<PasswordExpiry> expiry = PasswordExpiry.of(session, realm, user);
        if (expiry.isEmpty()) {
            return;
        }
        long now = Time.currentTimeMillis();
        SingleUseObjectProvider markers = session.singleUseObjects();
        long setAt = expiry.get().setAt();
        long expiresAt = expiry.get().expiresAt();
        Set<Integer> sent = new HashSet<>();
        for (int threshold : thresholds) {
            if (markers.contains(ReminderRule.marker(realm.getId(), user.getId(), setAt, threshold))) {
                sent.add(threshold);
            }
        }
        boolean email = user.getEmail() != null && user.isEmailVerified();
        String phone = seen.methods().phone().orElse(null);
        ReminderRule.Reach reach = new ReminderRule.Reach(email, NoticeTexts.allowed(policy, phone));
        Optional<ReminderRule.Reminder> due = ReminderRule.decide(thresholds, expiresAt, now, sent, reach);
        if (due.isEmpty()) {
            return;
        }
        ReminderRule.Reminder reminder = due.get();
        String marker = ReminderRule.marker(realm.getId(), user.getId(), setAt, reminder.threshold());
        if (!markers.putIfAbsent(marker, ReminderRule.markerSeconds(expiresAt, now))) {
            return; // another node (or run) claimed it a moment ago
        }
        List<String> methods = new ArrayList<>();
        Locale locale = ExpiryNotices.locale(session, realm, user);
        String link = ExpiryNotices.changeLink(base, realm.getName());
        if (reminder.email()) {
            ExpiryNotices.remind(session, realm, user, user.getEmail(), locale, expiresAt, reminder.daysLeft(), link);
            methods.add("email");
            counts.merge("mails", 1, Integer::sum);
        }
        String failure = null;
        if (reminder.sms()) {
            String body = LoginMessages.of(session, realm, locale).format("sspr.expiry.sms.text", new Object[] {
                Branding.of(policy, realm.getDisplayName(), realm.getName()).getOrgName(),
                ExpiryNotices.date(expiresAt, locale),
                link
            });
            failure = NoticeTexts.send(session, realm, policy, "expiry-reminder", phone, body, locale)
                    .orElse(null);
            if (failure == null) {
                methods.add("sms");
                counts.merge("texts", 1, Integer::sum);
            }
        }
        if (!reminder.deliverable()) {
            counts.merge("noAddress", 1, Integer::sum);
        } else {
            counts.merge("reminded", 1, Integer::sum);
        }
        record(session, realm, user, reminder, methods, failure);
    }

    private static void record(
            KeycloakSession session,
            RealmModel realm,
            UserModel user,
            ReminderRule.Reminder reminder,
            List<String> methods,
            String failure) {
        ActivityStore store = session.getProvider(ActivityStore.class);
        if (store == null) {
            return;
        }
        String reason = !reminder.deliverable() ? "reminder_no-address" : methods.isEmpty() ? failure : null;
        store.add(new ActivityRecord(
                ActivityRecord.newId(),
                realm.getId(),
                Time.currentTimeMillis(),
                user.getId(),
                user.getUsername(),
                ActivityType.PASSWORD_EXPIRY_REMINDER,
                methods.isEmpty() ? ActivityResult.BLOCKED : ActivityResult.SUCCEEDED,
                methods,
                reason,
                // The step says which threshold this was ("7d").
                reminder.threshold() + "d",
                null,
                null));
    }

    /**
     * The outlook for the dashboard: how many passwords of the realm's users expire within each of
     * {@link ReminderRule#WINDOWS} days ({@code within7}, {@code within30}; the 30 include the 7), and how many users
     * were read.
     */
    public static Map<String, Object> outlook(KeycloakSessionFactory factory, String realmId) {
        long now = Time.currentTimeMillis();
        int[] users = {0};
        Map<Integer, Integer> within = new LinkedHashMap<>();
        ReminderRule.WINDOWS.forEach(w -> within.put(w, 0));
        new UserWalk(factory, realmId, null).walk(0, Integer.MAX_VALUE, Integer.MAX_VALUE, null, seen -> {
            users[0]++;
            RealmModel realm = seen.session().getContext().getRealm();
            PasswordExpiry.of(seen.session(), realm, seen.user()).ifPresent(expiry -> {
                OptionalInt window = ReminderRule.window(expiry.expiresAt(), now);
                if (window.isPresent()) {
                    ReminderRule.WINDOWS.stream()
                            .filter(w -> w >= window.getAsInt())
                            .forEach(w -> within.merge(w, 1, Integer::sum));
                }
            });
            return null;
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("computedAt", now);
        result.put("users", users[0]);
        within.forEach((w, n) -> result.put("within" + w, n));
        return result;
    }

    private static List<Integer> thresholds(SsprPolicy policy) {
        try {
            return ExpiryReminders.thresholds(policy.expiryReminderDays());
        } catch (IllegalArgumentException e) {
            return List.of(); // stored around the validator: no reminders rather than a guess
        }
    }
}
