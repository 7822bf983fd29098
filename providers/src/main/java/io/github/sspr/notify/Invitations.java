package io.github.sspr.notify;

import io.github.sspr.branding.Branding;
import io.github.sspr.credentials.email.EmailAddresses;
import jakarta.ws.rs.core.UriBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.urls.UrlType;

/**
 * The invitation to register recovery methods that an admin sends to users who cannot reset (docs/insight.md,
 * "Nudge"): one mail to the account's verified address, in the user's language, after the commit, at most once per
 * user per {@link #THROTTLE_SECONDS} across the cluster (a claim in the single-use-object store).
 */
public final class Invitations {

    private static final Logger LOG = Logger.getLogger(Invitations.class);

    /** One invitation per user per day, whoever sends it from whichever node. */
    public static final long THROTTLE_SECONDS = 24L * 60 * 60;

    static final String TEMPLATE = "sspr-invite.ftl";

    private static final int ATTEMPTS = 3;

    private Invitations() {}

    /** What became of one user's invitation. */
    public enum Outcome {
        SENT,
        /** Invited less than a day ago. */
        THROTTLED,
        /** No verified account email to write to. */
        NO_ADDRESS
    }

    /** Claims the user's daily slot and schedules the mail for after the commit. */
    public static Outcome invite(KeycloakSession session, RealmModel realm, UserModel user) {
        String address = user.getEmail();
        if (address == null || address.isBlank() || !user.isEmailVerified()) {
            return Outcome.NO_ADDRESS;
        }
        String key = "sspr:invite:" + realm.getId() + ":" + user.getId();
        if (!session.getProvider(SingleUseObjectProvider.class).putIfAbsent(key, THROTTLE_SECONDS)) {
            return Outcome.THROTTLED;
        }
        // The admin's request carries the admin's browser language: the user reads their own (or the realm's).
        Locale locale = session.getProvider(LocaleSelectorProvider.class).resolveLocale(realm, user, true);
        String link = UriBuilder.fromUri(
                        session.getContext().getUri(UrlType.FRONTEND).getBaseUri())
                .path("realms/{realm}/account/")
                .build(realm.getName())
                .toString();
        String userId = user.getId();
        AfterCommit.schedule(
                session,
                realm,
                "SSPR registration invitation",
                locale,
                ATTEMPTS,
                (s, r) -> send(s, r, userId, address, link));
        return Outcome.SENT;
    }

    private static void send(KeycloakSession session, RealmModel realm, String userId, String address, String link)
            throws Exception {
        Branding brand = Branding.forRealm(session, realm);
        Map<String, Object> attributes = brand.addTo(new HashMap<>()); // mutable: Keycloak's provider adds to it
        attributes.put("inviteLink", link);
        if (!UserMail.send(
                session,
                realm,
                userId,
                address,
                "sspr.invite.subject",
                List.of(brand.getOrgName()),
                TEMPLATE,
                attributes)) {
            return; // deleted meanwhile
        }
        LOG.debugf("SSPR: registration invitation sent to %s", EmailAddresses.mask(address));
    }
}
