package io.github.sspr.branding;

import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.store.SsprPolicies;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * How SSPR pages and emails look in a realm, from its SSPR policy: organization name (the realm's display name when the
 * policy names none), logo, primary colour and helpdesk link. Admins change them on the policy page; no theme is
 * rebuilt. This is the one source of the brand values: every SSPR page, the "This wasn't me" page and every SSPR email
 * (codes and notifications) take them from here.
 *
 * <ul>
 *   <li>Pages: {@link #applyTo(LoginFormsProvider)} puts the attribute {@value #ATTRIBUTE}; templates import the theme
 *       resource {@code sspr-branding.ftl} (macros {@code banner}, {@code helpdesk}, {@code fieldError}), which works in
 *       any login theme, not only {@code sspr}.
 *   <li>Emails: {@link #addTo(Map)} puts the same attribute into the body attributes passed to
 *       {@code EmailTemplateProvider.send(…)}; templates import {@code sspr-mail.ftl} (html and text). Keycloak's
 *       {@code EmailTemplateProvider.setAttribute} is not used: its custom {@code send(…)} ignores those attributes.
 * </ul>
 *
 * <p>Templates escape every value (FreeMarker's HTML auto-escaping); on top of that, this class only ever holds values
 * the policy validator accepts, checked again here so that a value stored around the validator (e.g. a hand-edited
 * export) can never reach a page: a colour that is not {@code #rrggbb}, a logo that is not https or a server path, or a
 * helpdesk link that is not http(s)/mailto is dropped.
 */
public final class Branding {

    /** The template attribute name, on pages and in emails. */
    public static final String ATTRIBUTE = "ssprBrand";

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final int MAX_NAME = 100;

    private final String orgName;
    private final String logoUrl;
    private final String primaryColor;
    private final String helpdeskLink;
    /** The organization name as a CSS string for the page header, when the policy names one; else {@code null}. */
    private final String headerCss;

    private Branding(String orgName, String logoUrl, String primaryColor, String helpdeskLink) {
        this(orgName, logoUrl, primaryColor, helpdeskLink, false);
    }

    private Branding(String orgName, String logoUrl, String primaryColor, String helpdeskLink, boolean nameFromPolicy) {
        this.orgName = orgName;
        this.headerCss = nameFromPolicy && orgName != null ? cssString(orgName) : null;
        this.logoUrl = safeLogo(logoUrl);
        this.primaryColor = primaryColor != null && COLOUR.matcher(primaryColor).matches()
                ? primaryColor.toLowerCase(Locale.ROOT)
                : null;
        this.helpdeskLink = safeHelpdesk(helpdeskLink);
    }

    /**
     * The branding as the policy configures it, without the realm's fallback name ({@link #getOrgName()} is
     * {@code null} when the policy names no organization). For the admin REST view of the policy; pages and emails use
     * {@link #forRealm(RealmModel)}.
     */
    public static Branding of(SsprPolicy policy) {
        return new Branding(safeName(policy.orgName()), policy.logoUrl(), policy.primaryColor(), policy.helpdeskLink());
    }

    /**
     * The branding users see: the policy's organization name, else the realm's display name, else the realm's name (as
     * Keycloak's own pages title the realm).
     */
    public static Branding of(SsprPolicy policy, String realmDisplayName, String realmName) {
        String named = safeName(policy.orgName());
        String name = named;
        if (name == null) {
            name = safeName(realmDisplayName);
        }
        if (name == null) {
            name = realmName;
        }
        return new Branding(name, policy.logoUrl(), policy.primaryColor(), policy.helpdeskLink(), named != null);
    }

    /** The branding users see in a realm, from its policy (defaults: the realm's name and the theme's own look). */
    public static Branding forRealm(KeycloakSession session, RealmModel realm) {
        return of(SsprPolicies.forRequest(session, realm), realm.getDisplayName(), realm.getName());
    }

    /** Makes {@code ssprBrand} available to the page's templates. */
    public LoginFormsProvider applyTo(LoginFormsProvider form) {
        return form.setAttribute(ATTRIBUTE, this);
    }

    /**
     * Puts {@code ssprBrand} into an email's body attributes (the map given to {@code EmailTemplateProvider.send}).
     * Returns the map.
     */
    public Map<String, Object> addTo(Map<String, Object> emailAttributes) {
        emailAttributes.put(ATTRIBUTE, this);
        return emailAttributes;
    }

    /**
     * The organization name shown on pages and in emails (never {@code null} from {@link #forRealm(RealmModel)}), or
     * {@code null} from {@link #of(SsprPolicy)} when the policy names none.
     */
    public String getOrgName() {
        return orgName;
    }

    /**
     * The policy's organization name as the body of a CSS string (written inside {@code "..."}), for the page header that
     * Keycloak's template otherwise fills with the realm's name; {@code null} when the policy names no organization.
     * Every character but ASCII letters, digits and spaces is a CSS hex escape, so the value can end neither the string
     * nor the {@code <style>} element, and HTML escaping leaves it unchanged.
     */
    public String getHeaderCss() {
        return headerCss;
    }

    static String cssString(String text) {
        StringBuilder css = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == ' ') {
                css.appendCodePoint(cp);
            } else {
                css.append('\\').append(Integer.toHexString(cp)).append(' ');
            }
        });
        return css.toString();
    }

    /** An https URL or a path on this server, or {@code null}. */
    public String getLogoUrl() {
        return logoUrl;
    }

    /** {@code #rrggbb} in lower case, or {@code null} for the theme's colour. */
    public String getPrimaryColor() {
        return primaryColor;
    }

    /** An http(s) or mailto: link, or {@code null}. */
    public String getHelpdeskLink() {
        return helpdeskLink;
    }

    /** Whether the helpdesk link is an email address (pages then say "email" rather than "visit"). */
    public boolean isHelpdeskMail() {
        return helpdeskLink != null && helpdeskLink.regionMatches(true, 0, "mailto:", 0, 7);
    }

    /**
     * The helpdesk as a reader of a plain-text email can use it: a mailto: link as its bare address, a web link as is;
     * {@code null} when none.
     */
    public String getHelpdeskText() {
        return isHelpdeskMail() ? helpdeskLink.substring(7) : helpdeskLink;
    }

    private static String safeName(String name) {
        if (name == null
                || name.isBlank()
                || name.length() > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return name.strip();
    }

    private static String safeLogo(String url) {
        if (url == null || url.isBlank() || url.length() > 2000 || url.contains("\\") || url.startsWith("//")) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null) {
                return uri.getRawAuthority() == null ? url : null;
            }
            return uri.getScheme().equalsIgnoreCase("https") && uri.getHost() != null ? url : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String safeHelpdesk(String link) {
        if (link == null || link.isBlank() || link.length() > 2000) {
            return null;
        }
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("mailto")) {
                return link;
            }
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? link : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Branding b
                && Objects.equals(orgName, b.orgName)
                && Objects.equals(logoUrl, b.logoUrl)
                && Objects.equals(primaryColor, b.primaryColor)
                && Objects.equals(helpdeskLink, b.helpdeskLink);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgName, logoUrl, primaryColor, helpdeskLink);
    }

    @Override
    public String toString() {
        return "Branding[" + orgName + ", " + logoUrl + ", " + primaryColor + ", " + helpdeskLink + "]";
    }
}
