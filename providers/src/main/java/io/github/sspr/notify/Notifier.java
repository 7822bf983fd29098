package io.github.sspr.notify;

import io.github.sspr.branding.Branding;
import io.github.sspr.credentials.RegisteredMethods;
import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.store.SsprPolicies;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.urls.UrlType;

/**
 * Notification emails: to the user after a reset, change, unlock, admin reset, or a recovery method registered or
 * removed; to the realm's administrators when one of them resets their own password.
 *
 * <p>Everything that depends on the request (recipients, locale, IP, time, the link's base URL) is resolved when
 * called; the mails go out after the transaction commits, through {@link AfterCommit}, one task per recipient so that
 * one bad mailbox does not hold up the others. Calling this never blocks, throws or fails the caller's action, and does
 * nothing when the realm's policy switches the notification off.
 *
 * <p>A mail says what happened, when (in the reader's locale, UTC), from which IP, and where the helpdesk is, and
 * carries a "This wasn't me" link ({@link NotMeTokens}, served by {@code notify.page.NotMeResource}). It never holds a code, an answer or a
 * password: the callers cannot even pass one.
 */
public final class Notifier {

    /** Email templates (html/ and text/ under the theme resources). */
    static final String TEMPLATE = "sspr-notify.ftl";

    static final String ADMINS_TEMPLATE = "sspr-notify-admins.ftl";

    /** The most realm admins one self-reset mails (a realm where everybody is admin is misconfigured, not a list). */
    static final int MAX_ADMINS = 50;

    private static final int ATTEMPTS = 3;
    private static final Logger LOG = Logger.getLogger(Notifier.class);

    private Notifier() {}

    /** What happened to the account; {@link #key} is the message-key segment (e.g. {@code passwordReset}). */
    public enum Kind {
        PASSWORD_RESET,
        ACCOUNT_UNLOCKED,
        PASSWORD_CHANGED,
        ADMIN_RESET,
        METHOD_REGISTERED,
        METHOD_REMOVED,
        /** A lost authenticator (app, passkey, security key or recovery codes) removed by the reset flow. */
        FACTOR_RESET;

        /** {@code sspr.notify.subject.<key>}, e.g. {@code passwordReset}. */
        public String key() {
            return messageKey(name());
        }
    }

    /** What the realm's administrators are told about. */
    public enum AdminAlert {
        /** An administrator reset their own password (admin API or the self-service reset). */
        ADMIN_SELF_RESET,
        /** An administrator removed a lost authenticator of their own through self-service recovery. */
        ADMIN_FACTOR_RESET,
        /** A user confirmed "This wasn't me"; the account is disabled. */
        NOT_ME,
        /** A user confirmed "This wasn't me", but the account could not be disabled (read-only storage). */
        NOT_ME_NOT_LOCKED,
        /** The realm's texts and calls reached 80 % of its daily message budget (docs/throttles.md). */
        MESSAGE_BUDGET_WARNING,
        /** The realm's texts and calls reached its daily message budget; more are refused until the day ends. */
        MESSAGE_BUDGET_REACHED;

        /** {@code sspr.notify.subject.<key>}, {@code sspr.notify.admins.body.<key>}, e.g. {@code notMe}. */
        public String key() {
            return messageKey(name());
        }
    }

    /** An enum constant's name as a message-key segment: {@code NOT_ME_NOT_LOCKED} → {@code notMeNotLocked}. */
    static String messageKey(String constant) {
        StringBuilder key = new StringBuilder();
        for (String word : constant.toLowerCase(java.util.Locale.ROOT).split("_")) {
            key.append(key.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return key.toString();
    }

    /**
     * One notice to a user.
     *
     * @param kind what happened
     * @param ipAddress the client's IP address as Keycloak saw it (may be {@code null})
     * @param methods ids of the methods involved: for a reset the gates passed ({@code email}, {@code sms},
     *     {@code voice}, {@code questions}), for a registration the method ({@code phone}, {@code email},
     *     {@code questions}); may be empty
     * @param formerAddresses addresses that were of record until this change (a replaced or removed recovery email):
     *     they are told too
     */
    public record Notice(Kind kind, String ipAddress, List<String> methods, Set<String> formerAddresses) {

        public Notice {
            Objects.requireNonNull(kind, "kind");
            methods = methods == null
                    ? List.of()
                    : methods.stream().filter(Objects::nonNull).toList();
            formerAddresses = formerAddresses == null
                    ? Set.of()
                    : formerAddresses.stream()
                            .filter(Objects::nonNull)
                            .collect(Collectors.toCollection(LinkedHashSet::new));
        }

        public static Notice of(Kind kind, String ipAddress, List<String> methods) {
            return new Notice(kind, ipAddress, methods, Set.of());
        }

        /** A notice of what this request did, from the client address Keycloak resolved for it. */
        public static Notice ofRequest(
                KeycloakSession session, Kind kind, List<String> methods, Set<String> formerAddresses) {
            ClientConnection connection = session.getContext().getConnection();
            return new Notice(kind, connection == null ? null : connection.getRemoteAddr(), methods, formerAddresses);
        }

        /** Masks the former addresses, so that a notice in a log line or exception message reveals none. */
        @Override
        public String toString() {
            return "Notice[" + kind + ", " + methods + ", former="
                    + formerAddresses.stream().map(EmailAddresses::mask).toList() + "]";
        }
    }

    /**
     * Tells the user, at every verified address of record (and the former ones in {@code notice}), what just happened.
     * Call it in the request that made the change, after the change.
     */
    public static void notifyUser(KeycloakSession session, RealmModel realm, UserModel user, Notice notice) {
        if (user == null || notice == null) {
            return;
        }
        if (notice.kind() == Kind.PASSWORD_RESET) {
            // An administrator's own self-service reset is an admin self-reset like one through the admin API: the
            // other administrators are told (one rule for both paths, in notifyAdmins).
            notifyAdminsIfAdmin(session, realm, user, notice.ipAddress(), AdminAlert.ADMIN_SELF_RESET);
        } else if (notice.kind() == Kind.FACTOR_RESET) {
            // An administrator's second factor removed by self-service: the other administrators are told too.
            notifyAdminsIfAdmin(session, realm, user, notice.ipAddress(), AdminAlert.ADMIN_FACTOR_RESET);
        }
        try {
            if (!SsprPolicies.forRequest(session, realm).notifyUser()) {
                return;
            }
            List<String> to = Recipients.forUser(
                    user.getEmail(), user.isEmailVerified(), recoveryEmail(user), notice.formerAddresses());
            if (to.isEmpty()) {
                LOG.debugf("SSPR: %s notice not sent: the user has no verified address", notice.kind());
                return;
            }
            // An admin's request carries the admin's browser language: the user reads their own (or the realm's).
            Locale locale = session.getProvider(LocaleSelectorProvider.class)
                    .resolveLocale(realm, user, notice.kind() == Kind.ADMIN_RESET);
            long at = Time.currentTimeMillis();
            String key = new NotMeTokens(session.getProvider(SingleUseObjectProvider.class))
                    .issue(realm.getId(), user.getId(), notice.kind().key());
            String link = NotMeTokens.link(frontendBase(session), realm.getName(), key);
            String userId = user.getId();
            for (String address : to) {
                AfterCommit.schedule(
                        session,
                        realm,
                        "SSPR " + notice.kind().key() + " notification",
                        locale,
                        ATTEMPTS,
                        (s, r) -> sendToUser(s, r, userId, address, notice, locale, at, link));
            }
        } catch (RuntimeException e) {
            // Never fail the user's action for a notification.
            LOG.warnf(
                    "SSPR: %s notice not scheduled: %s",
                    notice.kind(), e.getClass().getSimpleName());
        }
    }

    /** {@link #notifyAdmins} with {@code alert} when {@code user} is one of the realm's admins. */
    static void notifyAdminsIfAdmin(
            KeycloakSession session, RealmModel realm, UserModel user, String ipAddress, AdminAlert alert) {
        try {
            if (RealmAdmins.isAdmin(
                    realm, user, SsprPolicies.forRequest(session, realm).notifyUserManagers())) {
                notifyAdmins(session, realm, user, ipAddress, alert);
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "SSPR: admin %s check failed: %s", alert.key(), e.getClass().getSimpleName());
        }
    }

    /**
     * Tells every realm administrator (holders of {@code realm-admin}, directly, through a composite role or a group,
     * and of {@code manage-users} when the policy's {@code notifyUserManagers} says so; at most {@value #MAX_ADMINS})
     * what happened to {@code subject}'s account, when the policy's {@code notifyAdmins} asks for it. The subject is
     * never among the recipients: they are told by their own notice.
     */
    public static void notifyAdmins(
            KeycloakSession session, RealmModel realm, UserModel subject, String ipAddress, AdminAlert alert) {
        if (subject == null || alert == null) {
            return;
        }
        try {
            if (SsprPolicies.forRequest(session, realm).notifyAdmins()) {
                scheduleForAdmins(session, realm, subject.getId(), subject.getUsername(), ipAddress, alert);
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "SSPR: %s admin notice not scheduled: %s",
                    alert.key(), e.getClass().getSimpleName());
        }
    }

    /**
     * Tells every realm administrator (as {@link #notifyAdmins}) about the realm itself, not about an account: the
     * daily message budget's thresholds. Sent whatever {@code notifyAdmins} says: an admin who set a budget asked for
     * its alerts. {@code detail} fills the mail's second placeholder (e.g. the budget).
     */
    public static void notifyAdminsOfRealm(KeycloakSession session, RealmModel realm, AdminAlert alert, String detail) {
        try {
            scheduleForAdmins(session, realm, null, detail, null, alert);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "SSPR: %s admin notice not scheduled: %s",
                    alert.key(), e.getClass().getSimpleName());
        }
    }

    /** One mail per realm admin after commit, leaving out {@code subjectId} (who is told by their own notice). */
    private static void scheduleForAdmins(
            KeycloakSession session,
            RealmModel realm,
            String subjectId,
            String username,
            String ipAddress,
            AdminAlert alert) {
        SsprPolicy policy = SsprPolicies.forRequest(session, realm);
        long at = Time.currentTimeMillis();
        int scheduled = 0;
        for (UserModel other : RealmAdmins.of(session, realm, MAX_ADMINS, policy.notifyUserManagers())) {
            if (other.getId().equals(subjectId) || !other.isEmailVerified()) {
                continue;
            }
            List<String> to = Recipients.forUser(other.getEmail(), true, null, Set.of());
            if (to.isEmpty()) {
                continue;
            }
            Locale locale = session.getProvider(LocaleSelectorProvider.class).resolveLocale(realm, other, true);
            String address = to.get(0);
            String otherId = other.getId();
            AfterCommit.schedule(
                    session,
                    realm,
                    "SSPR " + alert.key() + " admin notification",
                    locale,
                    ATTEMPTS,
                    (s, r) -> sendToAdmin(s, r, otherId, address, alert, username, ipAddress, locale, at));
            scheduled++;
        }
        LOG.debugf("SSPR: %s notice scheduled for %d admin(s)", alert.key(), scheduled);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void sendToUser(
            KeycloakSession session,
            RealmModel realm,
            String userId,
            String address,
            Notice notice,
            Locale locale,
            long at,
            String link)
            throws Exception {
        Branding brand = Branding.forRealm(session, realm);
        Map<String, Object> attributes = brand.addTo(new HashMap<>()); // mutable: Keycloak's provider adds to it
        attributes.put("notice", notice.kind().key());
        attributes.put("when", when(at, locale));
        attributes.put("ip", notice.ipAddress() == null ? "" : notice.ipAddress());
        attributes.put("methodIds", new ArrayList<>(notice.methods()));
        attributes.put("notMeLink", link);
        attributes.put("notMeDays", NotMeTokens.TTL_SECONDS / 86_400);
        String subject = "sspr.notify.subject." + notice.kind().key();
        if (UserMail.send(
                session, realm, userId, address, subject, List.of(brand.getOrgName()), TEMPLATE, attributes)) {
            LOG.debugf("SSPR: %s notification sent to %s", notice.kind().key(), EmailAddresses.mask(address));
        }
    }

    private static void sendToAdmin(
            KeycloakSession session,
            RealmModel realm,
            String adminId,
            String address,
            AdminAlert alert,
            String actor,
            String ip,
            Locale locale,
            long at)
            throws Exception {
        Branding brand = Branding.forRealm(session, realm);
        Map<String, Object> attributes = brand.addTo(new HashMap<>());
        attributes.put("alert", alert.key());
        attributes.put("actor", actor);
        attributes.put("when", when(at, locale));
        attributes.put("ip", ip == null ? "" : ip);
        // An alert about the realm (the budget) came from no client: the mail leaves the "from" line out.
        attributes.put("realmAlert", alert.name().startsWith("MESSAGE_BUDGET"));
        String subject = "sspr.notify.subject." + alert.key();
        if (UserMail.send(
                session,
                realm,
                adminId,
                address,
                subject,
                List.of(brand.getOrgName(), actor),
                ADMINS_TEMPLATE,
                attributes)) {
            LOG.debugf("SSPR: %s admin notification sent to %s", alert.key(), EmailAddresses.mask(address));
        }
    }

    /** The instant in the reader's language, on the UTC clock (the mail says "UTC"; we do not know the reader's zone). */
    static String when(long epochMillis, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale == null ? Locale.ENGLISH : locale)
                .withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(epochMillis));
    }

    /** The verified recovery email, from the credential's secret part; {@code null} when none or unreadable. */
    public static String recoveryEmail(UserModel user) {
        return RegisteredMethods.of(user).email().orElse(null);
    }

    /** The realm-independent base URL that users reach (frontend URL), resolved in the request. */
    private static String frontendBase(KeycloakSession session) {
        return UriBuilder.fromUri(session.getContext().getUri(UrlType.FRONTEND).getBaseUri())
                .build()
                .toString();
    }
}
