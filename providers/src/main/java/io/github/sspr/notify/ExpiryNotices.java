package io.github.sspr.notify;

import io.github.sspr.branding.Branding;
import io.github.sspr.credentials.email.EmailAddresses;
import jakarta.ws.rs.core.UriBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The password-expiry reminder mail (docs/insight.md, "Password-expiry reminders"): the date the password expires and
 * a link to SSPR's change page ({@code kc_action=sspr-change-password} through the account console's sign-in), to the
 * account's verified address, in the user's language, after the reminder task's transaction commits. It holds no
 * password and nothing secret: the link only starts a sign-in.
 */
public final class ExpiryNotices {

    private static final Logger LOG = Logger.getLogger(ExpiryNotices.class);

    static final String TEMPLATE = "sspr-expiry.ftl";

    private static final int ATTEMPTS = 3;

    private ExpiryNotices() {}

    /**
     * Where the user changes their password: the account console's sign-in with {@code kc_action=sspr-change-password}
     * (the account console asks for PKCE, so the link carries a fresh challenge; the console starts its own sign-in
     * afterwards, which the session just made completes at once).
     *
     * @param base the server's public base URL, e.g. {@code https://sso.example.com/}
     */
    public static String changeLink(String base, String realmName) {
        String account = UriBuilder.fromUri(base)
                .path("realms/{realm}/account/")
                .build(realmName)
                .toString();
        return UriBuilder.fromUri(base)
                .path("realms/{realm}/protocol/openid-connect/auth")
                .queryParam("client_id", "account-console")
                .queryParam("redirect_uri", account)
                .queryParam("response_type", "code")
                .queryParam("scope", "openid")
                .queryParam("state", random())
                .queryParam("code_challenge_method", "S256")
                .queryParam("code_challenge", challenge(random()))
                .queryParam("kc_action", "sspr-change-password")
                .build(realmName)
                .toString();
    }

    /** The language the user reads: their own {@code locale}, else the realm's default (never a request's). */
    public static Locale locale(KeycloakSession session, RealmModel realm, UserModel user) {
        try {
            return session.getProvider(LocaleSelectorProvider.class).resolveLocale(realm, user, true);
        } catch (RuntimeException e) {
            // A scheduled run has no HTTP request; the selector may need one.
            String tag = user.getFirstAttribute(UserModel.LOCALE);
            if (tag == null) {
                tag = realm.getDefaultLocale();
            }
            return tag == null || !realm.isInternationalizationEnabled() ? Locale.ENGLISH : Locale.forLanguageTag(tag);
        }
    }

    /** The expiry date in the reader's language, on the UTC calendar (the mail says UTC). */
    public static String date(long expiresAt, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale == null ? Locale.ENGLISH : locale)
                .withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(expiresAt));
    }

    /** Schedules the reminder mail to the user's verified {@code address} for after the commit. */
    public static void remind(
            KeycloakSession session,
            RealmModel realm,
            UserModel user,
            String address,
            Locale locale,
            long expiresAt,
            long daysLeft,
            String link) {
        String userId = user.getId();
        String date = date(expiresAt, locale);
        AfterCommit.schedule(
                session,
                realm,
                "SSPR password-expiry reminder",
                locale,
                ATTEMPTS,
                (s, r) -> send(s, r, userId, address, date, daysLeft, link));
    }

    private static void send(
            KeycloakSession session,
            RealmModel realm,
            String userId,
            String address,
            String date,
            long daysLeft,
            String link)
            throws Exception {
        Branding brand = Branding.forRealm(session, realm);
        Map<String, Object> attributes = brand.addTo(new HashMap<>()); // mutable: Keycloak's provider adds to it
        attributes.put("expiryDate", date);
        attributes.put("daysLeft", daysLeft);
        attributes.put("changeLink", link);
        if (!UserMail.send(
                session,
                realm,
                userId,
                address,
                "sspr.expiry.subject",
                List.of(brand.getOrgName(), date),
                TEMPLATE,
                attributes)) {
            return; // deleted meanwhile
        }
        LOG.debugf("SSPR: password-expiry reminder sent to %s", EmailAddresses.mask(address));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
