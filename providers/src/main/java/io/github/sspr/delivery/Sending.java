package io.github.sspr.delivery;

import io.github.sspr.activity.ActivityMetrics;
import io.github.sspr.branding.LoginMessages;
import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.delivery.guard.CircuitBreaker;
import io.github.sspr.delivery.guard.SendGuards;
import io.github.sspr.delivery.rule.Channel;
import io.github.sspr.delivery.rule.CodeText;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.notify.MailRecipient;
import io.github.sspr.policy.Method;
import io.github.sspr.sms.OutboundMessage;
import io.github.sspr.sms.SmsSendException;
import io.github.sspr.sms.SmsSender;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderFactory;

/**
 * The last step of {@link CodeDelivery}: one message handed to the mail server or the SMS/voice provider, the latter
 * through the provider's circuit breaker (docs/sms.md, "When the SMS provider fails"). Logs name masked destinations
 * only.
 */
final class Sending {

    private static final Logger LOG = Logger.getLogger(Sending.class);

    private Sending() {}

    /** The id of the SMS/voice provider in use (e.g. {@code twilio}), or {@code null} when none is configured. */
    static String providerId(KeycloakSession session) {
        ProviderFactory<SmsSender> factory = session.getKeycloakSessionFactory().getProviderFactory(SmsSender.class);
        return factory == null ? null : factory.getId();
    }

    /** Whether the realm's SMS/voice provider is paused: its breaker refuses calls now. */
    static boolean providerPaused(KeycloakSession session, SendGuards guards, RealmModel realm) {
        String provider = providerId(session);
        return provider != null && guards.breaker(realm.getId(), provider).refusing();
    }

    /** Sends one message; returns why it failed, or {@code null}. */
    static String deliver(
            KeycloakSession session, RealmModel realm, UserModel user, CodeDelivery.Message m, SendGuards guards) {
        if (m.method() == Method.EMAIL) {
            return email(session, realm, user, m);
        }
        Channel channel = m.method() == Method.VOICE ? Channel.VOICE : Channel.SMS;
        CodeText text = CodeText.of(m.purpose(), channel, m.code(), m.orgName(), m.lifetime());
        String body = LoginMessages.of(session, realm, m.locale()).format(text.key(), text.params());
        return phone(session, realm, guards, m.purpose().id(), channel, m.destination(), body, m.locale());
    }

    /**
     * One text or call through the realm's SMS/voice provider and its circuit breaker; returns why it failed, or
     * {@code null}.
     *
     * @param what a secret-free label for logs, e.g. {@code reset}
     */
    static String phone(
            KeycloakSession session,
            RealmModel realm,
            SendGuards guards,
            String what,
            Channel channel,
            String destination,
            String body,
            Locale locale) {
        SmsSender sender = session.getProvider(SmsSender.class);
        if (sender == null) {
            LOG.warnf("SSPR %s: no SMS/voice sender is configured (spi sspr-sms-sender)", what);
            return "no_sms_sender";
        }
        String provider = providerId(session);
        CircuitBreaker breaker = guards.breaker(realm.getId(), provider);
        if (!breaker.tryCall()) {
            return SendOutcome.PROVIDER_PAUSED;
        }
        try {
            sender.send(realm, new OutboundMessage(channel, destination, body, locale));
            report(session, realm, provider, breaker, breaker.succeeded());
            return null;
        } catch (SmsSendException e) {
            CircuitBreaker.Transition transition =
                    SendGuards.providerDown(e.getReason()) ? breaker.failed() : breaker.succeeded();
            report(session, realm, provider, breaker, transition);
            LOG.warnf(
                    "SSPR %s: %s to %s failed: %s",
                    what,
                    channel.id(),
                    PhoneNumbers.mask(destination),
                    e.getReason().id());
            return "sms_" + e.getReason().id();
        } catch (RuntimeException e) {
            report(session, realm, provider, breaker, breaker.failed());
            throw e;
        }
    }

    private static String email(KeycloakSession session, RealmModel realm, UserModel user, CodeDelivery.Message m) {
        Map<String, Object> attributes = new HashMap<>(m.branding()); // mutable: the provider adds to it
        attributes.put("code", m.code());
        attributes.put("ttl", m.lifetime());
        try {
            EmailTemplateProvider email = session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(MailRecipient.of(user, m.destination()));
            if (m.purpose().userLanguageOnly()) {
                email.setAttribute(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
            }
            email.send(
                    m.purpose().subjectKey(), List.of(m.orgName()), m.purpose().emailTemplate(), attributes);
            return null;
        } catch (EmailException e) {
            LOG.warnf(
                    "SSPR %s: code email to %s failed: %s",
                    m.purpose().id(),
                    EmailAddresses.mask(m.destination()),
                    e.getClass().getSimpleName());
            return "email_failed";
        }
    }

    /**
     * A breaker that opened or closed: a WARN or INFO line, the metric {@code sspr_sms_breaker_total} and an event
     * ({@code SEND_RESET_PASSWORD} with {@code sspr_sms_breaker=opened} or {@code closed}) for the realm's admins.
     */
    private static void report(
            KeycloakSession session,
            RealmModel realm,
            String provider,
            CircuitBreaker breaker,
            CircuitBreaker.Transition transition) {
        if (transition == CircuitBreaker.Transition.NONE) {
            return;
        }
        boolean opened = transition == CircuitBreaker.Transition.OPENED;
        if (opened) {
            LOG.warnf(
                    "SSPR realm %s: the SMS/voice provider %s failed %d times in a row; not called for %d s",
                    realm.getName(),
                    provider,
                    breaker.settings().failures(),
                    breaker.settings().openFor().toSeconds());
        } else {
            LOG.infof("SSPR realm %s: the SMS/voice provider %s answers again", realm.getName(), provider);
        }
        ActivityMetrics.global().breaker(realm.getName(), provider, opened ? "opened" : "closed");
        try {
            // A success-type event on purpose: an error type (SEND_RESET_PASSWORD_ERROR) would be read as a user's
            // failed reset by the activity listener. The detail says what happened.
            new EventBuilder(realm, session)
                    .event(EventType.SEND_RESET_PASSWORD)
                    .detail("sspr_sms_provider", provider)
                    .detail("sspr_sms_breaker", opened ? "opened" : "closed")
                    .success();
        } catch (RuntimeException e) {
            // Bookkeeping never fails a send.
            LOG.debugf("SSPR: breaker event not recorded: %s", e.getMessage());
        }
    }
}
