package io.github.sspr.policy;

import io.github.sspr.expiry.ExpiryReminders;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The formats some policy texts must have; the declarations in {@link SsprPolicyConfig} name them. */
final class Formats {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private Formats() {}

    static boolean isCountry(String code) {
        return code != null && ISO_COUNTRIES.contains(code);
    }

    /** Reminder thresholds as {@link ExpiryReminders#thresholds} reads them, e.g. {@code 14,7,1}. */
    static boolean isReminderDays(String text) {
        try {
            ExpiryReminders.thresholds(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isColour(String text) {
        return COLOUR.matcher(text).matches();
    }

    static boolean hasNoControlCharacters(String text) {
        return text.chars().noneMatch(Character::isISOControl);
    }

    static boolean isHelpdeskLink(String link) {
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("mailto")) {
                return uri.getSchemeSpecificPart() != null
                        && EMAIL_ADDRESS
                                .matcher(uri.getSchemeSpecificPart().split("\\?", 2)[0])
                                .matches();
            }
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isLogoUrl(String url) {
        if (url.contains("\\")) {
            return false;
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null) {
                // A relative path on this server. "//host/x" would be protocol-relative, i.e. possibly plain http.
                return uri.getRawAuthority() == null && !url.startsWith("//") && !url.isBlank();
            }
            // Only https: a logo over http would be mixed content on the login page and could be swapped in transit.
            return uri.getScheme().equalsIgnoreCase("https") && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
