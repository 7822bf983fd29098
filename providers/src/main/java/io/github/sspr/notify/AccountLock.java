package io.github.sspr.notify;

import java.time.Instant;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.UserConsentManager;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * What a confirmed "This wasn't me" does to the account, all in the request's transaction:
 *
 * <ol>
 *   <li>disables the user and says why in two user attributes, {@value #REASON_ATTRIBUTE}{@code =}{@value #REASON}
 *       and {@value #AT_ATTRIBUTE} (ISO-8601 UTC). A disabled user cannot sign in or reset a password (the reset flow
 *       treats disabled users as unknown), so whoever caused the change is shut out until an admin has talked to the
 *       user and re-enables the account (and may remove the attributes);
 *   <li>moves the user's not-before to now, so tokens already issued stop working;
 *   <li>signs out every session (back-channel logout to the clients that support it);
 *   <li>removes every offline session and revokes every consent (offline tokens included);
 *   <li>records a {@code RESET_PASSWORD_ERROR} event with error {@value #EVENT_ERROR} and details
 *       {@code sspr_step=not-me}, {@code sspr_notice=<what the mail was about>}, {@code sspr_locked=true|false}, which
 *       the activity listener turns into a row and the dashboard highlights.
 * </ol>
 *
 * <p>If the user's storage refuses the change (a read-only directory), the sessions and tokens are still revoked and
 * the event says {@code sspr_locked=false}, so an admin sees that the account needs a hand.
 */
public final class AccountLock {

    static final String REASON_ATTRIBUTE = "sspr.lockedReason";
    static final String AT_ATTRIBUTE = "sspr.lockedAt";
    static final String REASON = "not-me";

    static final String EVENT_ERROR = "sspr_not_me";
    static final String DETAIL_STEP = "sspr_step";
    static final String STEP = "not-me";

    private static final String ADMIN = "admin";
    private static final String[][] PROFILE_ATTRIBUTES = {
        {REASON_ATTRIBUTE, "SSPR lock reason"}, {AT_ATTRIBUTE, "SSPR locked at"}
    };

    private static final Logger LOG = Logger.getLogger(AccountLock.class);

    private AccountLock() {}

    /** @return whether the account is now disabled */
    public static boolean lock(KeycloakSession session, RealmModel realm, UserModel user, String noticeKind) {
        boolean disabled;
        declareInUserProfile(session);
        try {
            user.setSingleAttribute(REASON_ATTRIBUTE, REASON);
            user.setSingleAttribute(
                    AT_ATTRIBUTE, Instant.ofEpochMilli(Time.currentTimeMillis()).toString());
            user.setEnabled(false);
            disabled = true;
        } catch (RuntimeException e) {
            disabled = false;
            LOG.warnf(
                    "SSPR: 'This wasn't me' could not disable a user of realm %s (%s); sessions are revoked anyway",
                    realm.getName(), e.getClass().getSimpleName());
        }
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        // Collected first: a logout removes the session from the stream being read.
        for (UserSessionModel userSession :
                session.sessions().getUserSessionsStream(realm, user).toList()) {
            AuthenticationManager.backchannelLogout(session, userSession, true);
        }
        for (UserSessionModel offline :
                session.sessions().getOfflineUserSessionsStream(realm, user).toList()) {
            session.sessions().removeOfflineUserSession(realm, offline);
        }
        UserConsentManager.getConsentsStream(session, realm, user).toList().forEach(consent -> {
            UserConsentManager.revokeConsentToClient(session, consent.getClient(), user);
        });

        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.RESET_PASSWORD_ERROR)
                .user(user)
                .detail(Details.USERNAME, user.getUsername())
                .detail(DETAIL_STEP, STEP)
                .detail("sspr_notice", noticeKind == null ? "" : noticeKind)
                .detail("sspr_locked", Boolean.toString(disabled))
                .error(EVENT_ERROR);
        return disabled;
    }

    /**
     * Declares the two attributes in the realm's user profile, once, visible and editable by admins only: an
     * undeclared (unmanaged) attribute is hidden from the admin console and the user REST API, so the admin who finds
     * the account disabled would not see why. Users never see them (no "user" in the view permission).
     */
    static void declareInUserProfile(KeycloakSession session) {
        try {
            UserProfileProvider profile = session.getProvider(UserProfileProvider.class);
            UPConfig config = profile.getConfiguration().clone();
            boolean changed = false;
            for (String[] attribute : PROFILE_ATTRIBUTES) {
                if (config.getAttribute(attribute[0]) == null) {
                    UPAttribute declared =
                            new UPAttribute(attribute[0], new UPAttributePermissions(Set.of(ADMIN), Set.of(ADMIN)));
                    declared.setDisplayName(attribute[1]);
                    config.addOrReplaceAttribute(declared);
                    changed = true;
                }
            }
            if (changed) {
                profile.setConfiguration(config);
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "SSPR: could not declare the lock attributes in the user profile: %s",
                    e.getClass().getSimpleName());
        }
    }
}
