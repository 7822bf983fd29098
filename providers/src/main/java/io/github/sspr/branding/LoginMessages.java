package io.github.sspr.branding;

import io.github.sspr.wording.Durations;
import java.io.IOException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.Theme;

/**
 * The realm's login-theme messages in one locale (SSPR's bundles plus the realm's overrides), for texts that are not
 * rendered by a page: SMS and voice messages, question texts. Never fails: an unreadable theme yields the keys.
 */
public final class LoginMessages {

    private static final Logger LOG = Logger.getLogger(LoginMessages.class);

    private final Properties messages;
    private final Locale locale;

    private LoginMessages(Properties messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    public static LoginMessages of(KeycloakSession session, RealmModel realm, Locale locale) {
        try {
            Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
            return new LoginMessages(theme.getEnhancedMessages(realm, locale), locale);
        } catch (IOException e) {
            LOG.warnf("SSPR: cannot read the login theme's messages: %s", e.getMessage());
            return new LoginMessages(new Properties(), locale);
        }
    }

    /** The raw text of {@code key}, or {@code fallback} when the bundles lack it. */
    public String text(String key, String fallback) {
        return messages.getProperty(key, fallback);
    }

    /** The text of {@code key} with its {@code {n}} placeholders filled (the key itself when the bundles lack it). */
    public String format(String key, Object... params) {
        return new MessageFormat(messages.getProperty(key, key), locale).format(params);
    }

    /**
     * {@code duration} in words ("24 hours", "24 Stunden"), by {@link Durations}' rule. Pass the text as the argument
     * of a message: a template cannot (FreeMarker hands {@code msg()} its own number type, which a plural pattern
     * refuses), and "in {0}" reads right in every language.
     */
    public String duration(Duration duration) {
        return phrase(Durations.of(duration));
    }

    /** A phrase of {@link Durations} in words. */
    public String phrase(Durations.Phrase phrase) {
        return format(phrase.key(), phrase.amount());
    }

    /**
     * A message's parameters ready for {@code MessageFormat}: a {@link Durations.Phrase} that a pure machine decided
     * becomes its words in this locale; every other parameter is passed as it is.
     */
    public Object[] resolve(List<Object> params) {
        return params.stream()
                .map(p -> p instanceof Durations.Phrase phrase ? phrase(phrase) : p)
                .toArray();
    }
}
