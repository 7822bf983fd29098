package io.github.sspr.delivery;

import io.github.sspr.activity.ActivityMetrics;
import io.github.sspr.branding.Branding;
import io.github.sspr.branding.LoginMessages;
import io.github.sspr.credentials.email.EmailAddresses;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.delivery.rule.Channel;
import io.github.sspr.delivery.rule.CodeText;
import io.github.sspr.delivery.rule.Purpose;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.notify.AfterCommit;
import io.github.sspr.notify.MailRecipient;
import io.github.sspr.otp.CodeBinding;
import io.github.sspr.otp.CodeSettings;
import io.github.sspr.otp.IssueResult;
import io.github.sspr.otp.NoteStore;
import io.github.sspr.otp.OneTimeCodes;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.sms.OutboundMessage;
import io.github.sspr.sms.SmsSendException;
import io.github.sspr.sms.SmsSender;
import io.github.sspr.throttle.Decision;
import io.github.sspr.throttle.Throttle;
import io.github.sspr.throttle.ThrottleRules;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The one code-delivery pipeline (docs/architecture.md, "Sending a code"): every code that reset, registration and
 * helpdesk verification send goes through {@link #send}, which decides, in this order,
 *
 * <ol>
 *   <li>the code: cooldown and per-flow cap, then a fresh code bound to its {@link CodeBinding} ({@link OneTimeCodes});
 *   <li>the throttle: the account's gate and email cap, the number's and country's caps ({@link Throttle});
 *   <li>the words: per channel and in the recipient's language ({@link CodeText}, the purpose's email template);
 *   <li>the send: now, or after the transaction commits ({@link Purpose#timing()});
 *   <li>the metric ({@code sspr_sends_total} by channel and outcome) and how a failure is reported: in the outcome, or
 *       parked for the flow's next request ({@link #takeFailure}).
 * </ol>
 *
 * <p>The flows only say what differs: the purpose, the method, the destination and who asks. Events stay with the
 * flows (each flow has its own event vocabulary), fed from {@link SendOutcome#reason()}.
 */
public final class CodeDelivery {

    private static final Logger LOG = Logger.getLogger(CodeDelivery.class);

    /** How long a failed background send stays parked for the flow to report. */
    private static final long FAILURE_TTL_SECONDS = 600;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SsprPolicy policy;
    private final Throttle throttle;

    private CodeDelivery(KeycloakSession session, RealmModel realm, SsprPolicy policy, Throttle throttle) {
        this.session = session;
        this.realm = realm;
        this.policy = policy;
        this.throttle = throttle;
    }

    /**
     * The pipeline for one request.
     *
     * @param policy the policy in effect for the user (its code lifetime)
     */
    public static CodeDelivery of(KeycloakSession session, RealmModel realm, SsprPolicy policy) {
        return new CodeDelivery(session, realm, policy, Throttle.forSession(session, realm));
    }

    /**
     * One request to send a code.
     *
     * @param purpose who asks
     * @param method {@link Method#EMAIL}, {@link Method#SMS} or {@link Method#VOICE}
     * @param destination the address or E.164 number; {@code null} when nothing may leave (the decoy path, or a phone
     *     number the user did not confirm) — everything else happens alike, so the answer looks the same
     * @param subject whose throttle counters count it: the user's id, or the decoy's pseudonym
     * @param user the recipient, or {@code null} on the decoy path
     * @param binding what the code belongs to
     * @param notes where the code's state lives (the flow's notes, or the helpdesk's shared store)
     * @param failureKey with {@link Purpose.Timing#AFTER_COMMIT}: where a failed send is parked for {@link #takeFailure}
     */
    public record Request(
            Purpose purpose,
            Method method,
            String destination,
            String subject,
            UserModel user,
            CodeBinding binding,
            NoteStore notes,
            String failureKey) {

        public Request {
            if (method != Method.EMAIL && method != Method.SMS && method != Method.VOICE) {
                throw new IllegalArgumentException("codes go by email, SMS or voice, not " + method);
            }
        }
    }

    /** How codes of {@code method} are made and checked under the policy (length, lifetime, tries, cooldown). */
    public CodeSettings settings(Method method) {
        return (method == Method.EMAIL ? CodeSettings.email() : CodeSettings.phone())
                .withLifetimeMinutes(policy.codeLifetimeMinutes());
    }

    /** The one-time-code core over {@code notes} for checking what the user typed. */
    public OneTimeCodes codes(Method method, NoteStore notes) {
        return new OneTimeCodes(notes, settings(method));
    }

    /** The throttle this pipeline counts against (the flows check their gates with it). */
    public Throttle throttle() {
        return throttle;
    }

    /** Runs the pipeline for {@code request}. */
    public SendOutcome send(Request request) {
        OneTimeCodes codes = codes(request.method(), request.notes());
        IssueResult issued = codes.issue(request.binding());
        if (issued.status() == IssueResult.Status.COOLDOWN) {
            return new SendOutcome(
                    SendOutcome.Status.COOLDOWN, "cooldown", issued.retryAfterSeconds(), issued.sendsLeft(), 0);
        }
        if (issued.status() == IssueResult.Status.SEND_LIMIT) {
            return new SendOutcome(SendOutcome.Status.SEND_LIMIT, "send_limit", 0, 0, 0);
        }
        String channel = request.method().id();
        Decision decision = request.method() == Method.EMAIL
                ? throttle.tryEmailSend(request.subject())
                : throttle.tryPhoneSend(
                        request.subject(),
                        request.method(),
                        request.destination() != null ? request.destination() : "decoy:" + request.subject(),
                        request.destination() != null ? PhoneNumbers.regionOf(request.destination()) : "ZZ");
        if (!decision.allowed()) {
            codes.discard(request.binding());
            boolean accountBlocked =
                    Throttle.GATE_BLOCKED.equals(decision.rule()) || ThrottleRules.EMAIL_SENDS.equals(decision.rule());
            if (request.user() != null) {
                ActivityMetrics.global().send(realm.getName(), channel, ActivityMetrics.REFUSED);
            }
            return new SendOutcome(
                    accountBlocked ? SendOutcome.Status.BLOCKED : SendOutcome.Status.REFUSED,
                    decision.rule(),
                    decision.retryAfterSeconds(),
                    issued.sendsLeft(),
                    0);
        }
        SendOutcome sent =
                new SendOutcome(SendOutcome.Status.SENT, null, 0, issued.sendsLeft(), issued.expiresAtMillis());
        if (request.failureKey() != null) {
            // A new send replaces whatever an earlier one reported, whether or not this one leaves.
            session.singleUseObjects().remove(request.failureKey());
        }
        if (request.destination() == null || request.user() == null) {
            return sent; // the decoy path, or an unconfirmed number: the same answer, nothing leaves
        }
        Message message = message(request, issued.code());
        if (request.purpose().timing() == Purpose.Timing.NOW) {
            String failure = deliver(session, realm, request.user(), message);
            ActivityMetrics.global()
                    .send(realm.getName(), channel, failure == null ? ActivityMetrics.SENT : ActivityMetrics.FAILED);
            if (failure != null) {
                codes.discard(request.binding());
                return new SendOutcome(SendOutcome.Status.FAILED, failure, 0, issued.sendsLeft(), 0);
            }
            return sent;
        }
        String userId = request.user().getId();
        String failureKey = request.failureKey();
        AfterCommit.schedule(session, realm, message.what(), message.locale(), 1, (s, r) -> {
            UserModel user = s.users().getUserById(r, userId);
            String failure = user == null ? "user_removed" : deliver(s, r, user, message);
            ActivityMetrics.global()
                    .send(r.getName(), channel, failure == null ? ActivityMetrics.SENT : ActivityMetrics.FAILED);
            if (failure != null && failureKey != null) {
                s.singleUseObjects().put(failureKey, FAILURE_TTL_SECONDS, Map.of("reason", failure));
            }
        });
        return sent;
    }

    /** The failure parked by a background send under {@code failureKey}, once (it is removed), if there was one. */
    public Optional<String> takeFailure(String failureKey) {
        Map<String, String> failure = session.singleUseObjects().get(failureKey);
        if (failure == null) {
            return Optional.empty();
        }
        session.singleUseObjects().remove(failureKey);
        return Optional.of(failure.getOrDefault("reason", "send_failed"));
    }

    /** Everything a send needs, resolved in the request (a background session has no request to resolve it from). */
    private record Message(
            Purpose purpose,
            Method method,
            String destination,
            Locale locale,
            String orgName,
            Map<String, Object> branding,
            String code,
            long ttlMinutes) {

        String what() {
            return purpose.id() + " code " + method.id();
        }
    }

    private Message message(Request request, String code) {
        Locale locale = request.purpose().userLanguageOnly()
                ? session.getProvider(LocaleSelectorProvider.class).resolveLocale(realm, request.user(), true)
                : session.getContext().resolveLocale(request.user());
        Branding brand = Branding.of(policy, realm.getDisplayName(), realm.getName());
        return new Message(
                request.purpose(),
                request.method(),
                request.destination(),
                locale,
                brand.getOrgName(),
                brand.addTo(new HashMap<>()),
                code,
                settings(request.method()).lifetime().toMinutes());
    }

    /** Sends one message; returns why it failed, or {@code null}. Logs name the masked destination only. */
    private static String deliver(KeycloakSession session, RealmModel realm, UserModel user, Message m) {
        if (m.method() == Method.EMAIL) {
            Map<String, Object> attributes = new HashMap<>(m.branding()); // mutable: the provider adds to it
            attributes.put("code", m.code());
            attributes.put("ttlMinutes", m.ttlMinutes());
            try {
                EmailTemplateProvider email = session.getProvider(EmailTemplateProvider.class)
                        .setRealm(realm)
                        .setUser(MailRecipient.of(user, m.destination()));
                if (m.purpose().userLanguageOnly()) {
                    email.setAttribute(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
                }
                email.send(
                        m.purpose().subjectKey(),
                        List.of(m.orgName()),
                        m.purpose().emailTemplate(),
                        attributes);
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
        SmsSender sender = session.getProvider(SmsSender.class);
        if (sender == null) {
            LOG.warnf(
                    "SSPR %s: no SMS/voice sender is configured (spi sspr-sms-sender)",
                    m.purpose().id());
            return "no_sms_sender";
        }
        Channel channel = m.method() == Method.VOICE ? Channel.VOICE : Channel.SMS;
        CodeText text = CodeText.of(m.purpose(), channel, m.code(), m.orgName(), m.ttlMinutes());
        String body = LoginMessages.of(session, realm, m.locale()).format(text.key(), text.params());
        try {
            sender.send(realm, new OutboundMessage(channel, m.destination(), body, m.locale()));
            return null;
        } catch (SmsSendException e) {
            LOG.warnf(
                    "SSPR %s: %s to %s failed: %s",
                    m.purpose().id(),
                    channel.id(),
                    PhoneNumbers.mask(m.destination()),
                    e.getReason().id());
            return "sms_" + e.getReason().id();
        }
    }
}
