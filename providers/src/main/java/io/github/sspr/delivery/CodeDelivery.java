package io.github.sspr.delivery;

import io.github.sspr.activity.ActivityMetrics;
import io.github.sspr.branding.Branding;
import io.github.sspr.branding.LoginMessages;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.delivery.guard.SendGuards;
import io.github.sspr.delivery.guard.SendLane;
import io.github.sspr.delivery.rule.CodeText;
import io.github.sspr.delivery.rule.Destinations;
import io.github.sspr.delivery.rule.Purpose;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.notify.AfterCommit;
import io.github.sspr.notify.AfterCommit.Task;
import io.github.sspr.otp.CodeBinding;
import io.github.sspr.otp.CodeSettings;
import io.github.sspr.otp.IssueResult;
import io.github.sspr.otp.NoteStore;
import io.github.sspr.otp.OneTimeCodes;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.ThrottleSettings;
import io.github.sspr.throttle.Decision;
import io.github.sspr.throttle.ThrottleRules;
import io.github.sspr.throttle.store.SingleUseObjectCounterStore;
import io.github.sspr.throttle.store.Throttle;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.locale.LocaleSelectorProvider;
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
 *   <li>the send: now, or after the transaction commits ({@link Purpose#timing()}), each channel on its own bounded
 *       lane and the SMS/voice provider behind its circuit breaker ({@link SendGuards}); a send the provider did not
 *       take is given back to the throttle (docs/sms.md, "When the SMS provider fails");
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
        // The policy's throttle settings (docs/throttles.md): a privileged user's stricter policy keeps the realm's
        // limits.
        return new CodeDelivery(session, realm, policy, Throttle.forSession(session, realm, policy));
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
        CodeSettings channel = method == Method.EMAIL ? CodeSettings.email() : CodeSettings.phone();
        return ThrottleSettings.codeSettings(channel, policy).withLifetimeMinutes(policy.codeLifetimeMinutes());
    }

    /** The one-time-code core over {@code notes} for checking what the user typed. */
    public OneTimeCodes codes(Method method, NoteStore notes) {
        // Tries counted in the cluster-wide single-use-object store, Keycloak's clock (which follows its test time
        // offset) and a SecureRandom for digits and salts.
        return new OneTimeCodes(
                notes,
                new SingleUseObjectCounterStore(session.singleUseObjects()),
                settings(method),
                Time::currentTimeMillis,
                new SecureRandom());
    }

    /** The throttle this pipeline counts against (the flows check their gates with it). */
    public Throttle throttle() {
        return throttle;
    }

    /**
     * Whether a code by {@code method} would be refused now for {@code subject}, to show the method greyed out with
     * its reason before the click (docs/throttles.md): the account's gate, and for a text or call the number's,
     * country's and realm's caps — counted for the same number as {@link #send} counts (the decoy's made-up one on
     * the decoy path). It only reads.
     *
     * @param destination the E.164 number or address, {@code null} on the decoy path
     */
    public Decision check(Method method, String destination, String subject) {
        if (method != Method.SMS && method != Method.VOICE) {
            return throttle.checkGate(subject, method);
        }
        Counted counted = Counted.of(new Request(null, method, destination, subject, null, null, null, null));
        return throttle.checkPhone(subject, method, counted.number(), counted.region());
    }

    /** Runs the pipeline for {@code request}. */
    public SendOutcome send(Request request) {
        String channel = request.method().id();
        SendGuards guards = SendGuards.of(session);
        SendLane lane = guards.lane(request.method());
        boolean background = request.purpose().timing() == Purpose.Timing.AFTER_COMMIT;
        // Asked before anything is counted, and for every name alike (the decoy path too): a paused provider or a full
        // lane is the realm's or the node's state, never the user's, so the answer tells nothing about an account.
        if (request.method() != Method.EMAIL && Sending.providerPaused(session, guards, realm)) {
            return unavailable(request, SendOutcome.PROVIDER_PAUSED);
        }
        if (background && lane.full()) {
            LOG.warnf(
                    "SSPR realm %s: %s code refused: %d sends wait or run on this node (lane-capacity, docs/sms.md)",
                    realm.getName(), channel, lane.capacity());
            return unavailable(request, SendOutcome.LANE_FULL);
        }
        // The country guard before anything is counted or issued (docs/throttles.md). Only a real destination is
        // asked: the decoy path has none, and the flows offer a user only numbers the policy allows.
        Optional<String> refused = request.destination() == null
                ? Optional.empty()
                : Destinations.refusal(policy, request.method(), request.destination());
        if (refused.isPresent()) {
            LOG.infof(
                    "SSPR realm %s: %s code to %s refused: %s",
                    realm.getName(), channel, PhoneNumbers.mask(request.destination()), refused.get());
            ActivityMetrics.global().send(realm.getName(), channel, ActivityMetrics.REFUSED);
            return new SendOutcome(SendOutcome.Status.REFUSED, refused.get(), 0, 0, 0);
        }
        OneTimeCodes codes = codes(request.method(), request.notes());
        IssueResult issued = codes.issue(request.binding());
        if (issued.status() == IssueResult.Status.COOLDOWN) {
            return new SendOutcome(
                    SendOutcome.Status.COOLDOWN, "cooldown", issued.retryAfterSeconds(), issued.sendsLeft(), 0);
        }
        if (issued.status() == IssueResult.Status.SEND_LIMIT) {
            return new SendOutcome(SendOutcome.Status.SEND_LIMIT, "send_limit", 0, 0, 0);
        }
        Counted counted = Counted.of(request);
        Decision decision = counted.take(throttle);
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
        if (!background) {
            String failure = Sending.deliver(session, realm, request.user(), message, guards);
            ActivityMetrics.global().send(realm.getName(), channel, metricOutcome(failure));
            if (failure != null) {
                // Only sends the provider took count against the caps (docs/sms.md, "When the SMS provider fails").
                counted.giveBack(throttle);
                codes.discard(request.binding());
                if (SendOutcome.channelUnavailable(failure)) {
                    return new SendOutcome(SendOutcome.Status.UNAVAILABLE, failure, 0, issued.sendsLeft(), 0);
                }
                return new SendOutcome(SendOutcome.Status.FAILED, failure, 0, issued.sendsLeft(), 0);
            }
            return sent;
        }
        if (!lane.tryReserve()) {
            counted.giveBack(throttle);
            codes.discard(request.binding());
            return unavailable(request, SendOutcome.LANE_FULL);
        }
        String userId = request.user().getId();
        String failureKey = request.failureKey();
        Task task = (s, r) -> {
            UserModel user = s.users().getUserById(r, userId);
            String failure = user == null ? "user_removed" : Sending.deliver(s, r, user, message, guards);
            ActivityMetrics.global().send(r.getName(), channel, metricOutcome(failure));
            if (failure != null) {
                counted.giveBack(Throttle.forSession(s, r));
                if (failureKey != null) {
                    s.singleUseObjects().put(failureKey, FAILURE_TTL_SECONDS, Map.of("reason", failure));
                }
            }
        };
        // The lane's place is given back however the task ends, or if it never runs (rolled back, refused).
        AfterCommit.schedule(session, realm, lane.executor(), message.what(), message.locale(), 1, task, lane::release);
        return sent;
    }

    /** {@code sspr_sends_total}'s outcome for a send that was tried: sent, failed, or not called (breaker open). */
    private static String metricOutcome(String failure) {
        if (failure == null) {
            return ActivityMetrics.SENT;
        }
        return SendOutcome.channelUnavailable(failure) ? ActivityMetrics.UNAVAILABLE : ActivityMetrics.FAILED;
    }

    private SendOutcome unavailable(Request request, String reason) {
        if (request.user() != null) {
            ActivityMetrics.global().send(realm.getName(), request.method().id(), ActivityMetrics.UNAVAILABLE);
        }
        return new SendOutcome(SendOutcome.Status.UNAVAILABLE, reason, 0, 0, 0);
    }

    /**
     * What a send counts against the throttle, so that exactly that is given back when the provider does not take it:
     * the account's email count, or the number's and its country's.
     */
    private record Counted(Method method, String subject, String number, String region) {

        static Counted of(Request request) {
            if (request.method() == Method.EMAIL) {
                return new Counted(Method.EMAIL, request.subject(), null, null);
            }
            boolean real = request.destination() != null;
            return new Counted(
                    request.method(),
                    request.subject(),
                    real ? request.destination() : "decoy:" + request.subject(),
                    real ? PhoneNumbers.regionOf(request.destination()) : "ZZ");
        }

        Decision take(Throttle throttle) {
            return method == Method.EMAIL
                    ? throttle.tryEmailSend(subject)
                    : throttle.tryPhoneSend(subject, method, number, region);
        }

        void giveBack(Throttle throttle) {
            if (method == Method.EMAIL) {
                throttle.giveBackEmailSend(subject);
            } else {
                throttle.giveBackPhoneSend(method, number, region);
            }
        }
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
    record Message(
            Purpose purpose,
            Method method,
            String destination,
            Locale locale,
            String orgName,
            Map<String, Object> branding,
            String code,
            String lifetime) {

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
                // "5 minutes" in the reader's language (Durations' one rule), for the mail and the text alike.
                LoginMessages.of(session, realm, locale)
                        .duration(settings(request.method()).lifetime()));
    }
}
