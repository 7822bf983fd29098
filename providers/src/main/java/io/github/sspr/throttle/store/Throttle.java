package io.github.sspr.throttle.store;

import static io.github.sspr.throttle.store.ThrottleKeys.digest;
import static io.github.sspr.throttle.store.ThrottleKeys.gateSubject;
import static io.github.sspr.throttle.store.ThrottleKeys.phoneSubject;

import io.github.sspr.activity.ActivityMetrics;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.ThrottleSettings;
import io.github.sspr.policy.store.SsprPolicies;
import io.github.sspr.throttle.BlockIndex;
import io.github.sspr.throttle.CounterStore;
import io.github.sspr.throttle.Counters;
import io.github.sspr.throttle.Decision;
import io.github.sspr.throttle.LimitEvents;
import io.github.sspr.throttle.MessageBudget;
import io.github.sspr.throttle.ThrottleRule;
import io.github.sspr.throttle.ThrottleRules;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The reset gates' cross-flow limits (docs/architecture.md, "Security numbers"), shared by every node through Keycloak's single-use-object store.
 *
 * <p>Blocks apply to the reset gates only, never to the user's normal sign-in. Per-account counters and gate blocks
 * are cleared after a successful reset ({@link #clearFor}); per-number and per-country send counters are not, since
 * they guard the SMS bill rather than an account.
 *
 * <p>Phone numbers appear in store keys only as a SHA-256 digest, so that they do not show up in the store's debug
 * logs or a cache dump at a glance. (Phone numbers are few enough to be found again from their digest by brute force;
 * this is masking, not secrecy.)
 */
public final class Throttle {

    /** {@link Decision#rule()} when a gate was already blocked (by failures or by too many emails). */
    public static final String GATE_BLOCKED = Decision.GATE_BLOCKED;

    private static final Logger LOG = Logger.getLogger(Throttle.class);

    /** Prefix of the once-per-window marker of a counter's hit ({@link Counters#firstInWindow}). */
    private static final String HIT = "hit:";

    /** Prefix of the once-per-window marker of a counter listed as a near-block. */
    private static final String NEAR = "near:";

    private final Counters counters;
    private final ThrottleRules rules;
    private final ActivityMetrics metrics;
    private final String realmName;
    private final BlockIndex index;
    private final LimitEvents events;
    private final MessageBudget budget;

    public Throttle(Counters counters, ThrottleRules rules) {
        this(counters, rules, null, null, null);
    }

    public Throttle(
            Counters counters, ThrottleRules rules, ActivityMetrics metrics, String realmName, BlockIndex index) {
        this(counters, rules, metrics, realmName, index, LimitEvents.NONE, 0);
    }

    /**
     * @param metrics where gate failures and blocks are counted ({@code null}: not counted)
     * @param realmName the realm tag of those meters
     * @param index where blocks are recorded for the admin's list ({@code null}: not recorded)
     * @param events told once per limit hit and budget threshold
     * @param dailyBudget the realm's daily message budget; 0 = none
     */
    public Throttle(
            Counters counters,
            ThrottleRules rules,
            ActivityMetrics metrics,
            String realmName,
            BlockIndex index,
            LimitEvents events,
            int dailyBudget) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.metrics = metrics;
        this.realmName = realmName;
        this.index = index;
        this.events = Objects.requireNonNull(events, "events");
        this.budget = new MessageBudget(counters, dailyBudget);
    }

    /**
     * The throttle for one request: the session's single-use-object store, Keycloak's clock and Keycloak's metrics
     * registry.
     */
    public static Throttle forSession(KeycloakSession session, RealmModel realm) {
        return forSession(session, realm, SsprPolicies.forRequest(session, realm));
    }

    /** As {@link #forSession(KeycloakSession, RealmModel)}, under the realm's {@code policy} already read. */
    public static Throttle forSession(KeycloakSession session, RealmModel realm, SsprPolicy policy) {
        CounterStore store = new SingleUseObjectCounterStore(session.singleUseObjects());
        return new Throttle(
                new Counters(store, realm.getId(), Time::currentTimeMillis),
                rulesOf(policy, realm),
                ActivityMetrics.global(),
                realm.getName(),
                new BlockIndex(store, realm.getId(), Time::currentTimeMillis),
                new LimitAlerts(session, realm),
                ThrottleSettings.dailyMessageBudget(policy));
    }

    /** The rules this throttle applies. */
    public ThrottleRules rules() {
        return rules;
    }

    /**
     * Counts one identify attempt of the reset from {@code clientAddress} (as Keycloak resolved it, behind its
     * configured proxy: never a raw header); refused over the per-address limit until the minute ends. Asked before
     * the name is looked up, so the answer is the same for every name.
     */
    public Decision tryIdentify(String clientAddress) {
        ThrottleRule rule = rules.identifyPerIp();
        String counter = rule.id() + ":a:" + digest(clientAddress == null ? "unknown" : clientAddress);
        int attempts = counters.increment(counter, rule.window(), rule.limit());
        if (attempts <= rule.limit()) {
            return Decision.allow(rule.limit() - attempts);
        }
        return capHit(rule, counter, null, null);
    }

    /**
     * Whether {@code gate} is open for the user, to decide what to offer. It only reads: before comparing an answer,
     * count the attempt with {@link #attemptGate}.
     */
    public Decision checkGate(String userId, Method gate) {
        long blocked = counters.blockedSeconds(gateSubject(userId, gate));
        if (blocked > 0) {
            return Decision.deny(GATE_BLOCKED, blocked);
        }
        return Decision.allow(rules.gateFailures().limit() - counted(userId, gate));
    }

    /**
     * Counts a verification at {@code gate} <em>before</em> its answer is compared: the count is taken atomically in
     * the cluster-wide store, so however many requests race on however many nodes, at most {@code limit} per window
     * are let through to compare. Refused when the gate is blocked or this attempt is over the limit (which then
     * blocks the gate). After comparing, the caller ends the attempt with {@link GateAttempt#failed} or
     * {@link GateAttempt#undo}.
     */
    public GateAttempt attemptGate(String userId, Method gate) {
        String subject = gateSubject(userId, gate);
        long blocked = counters.blockedSeconds(subject);
        if (blocked > 0) {
            return GateAttempt.refused(Decision.deny(GATE_BLOCKED, blocked));
        }
        ThrottleRule rule = rules.gateFailures();
        int attempt = counters.increment(failureCounter(userId, gate), rule.window(), rule.limit());
        if (attempt > rule.limit()) {
            return GateAttempt.refused(refuse(rule, subject, failureCounter(userId, gate), userId, gate.id()));
        }
        return new GateAttempt(this, userId, gate, attempt, Decision.allow(rule.limit() - attempt));
    }

    /**
     * The attempt numbered {@code attempt} was wrong: it stays counted. The failure that reaches the limit blocks the
     * gate, so that later attempts are refused without even being counted.
     */
    Decision failed(String userId, Method gate, int attempt) {
        if (metrics != null) {
            metrics.gateFailure(realmName, gate.id());
        }
        ThrottleRule rule = rules.gateFailures();
        if (attempt < rule.limit()) {
            nearing(rule, gateSubject(userId, gate), failureCounter(userId, gate), userId, gate.id(), attempt);
            return Decision.allow(rule.limit() - Math.max(attempt, counted(userId, gate)));
        }
        return refuse(rule, gateSubject(userId, gate), failureCounter(userId, gate), userId, gate.id());
    }

    /** The attempt was right, or its answer was never compared: its count is taken back. */
    void undo(String userId, Method gate) {
        ThrottleRule rule = rules.gateFailures();
        counters.refund(failureCounter(userId, gate), rule.window(), rule.limit());
    }

    private int counted(String userId, Method gate) {
        ThrottleRule rule = rules.gateFailures();
        return counters.read(failureCounter(userId, gate), rule.window(), rule.limit());
    }

    /**
     * Asks to email the user a code: refused while the email gate is blocked, or when this send would go over the
     * limit (which then blocks the email gate).
     */
    public Decision tryEmailSend(String userId) {
        String gate = gateSubject(userId, Method.EMAIL);
        long blocked = counters.blockedSeconds(gate);
        if (blocked > 0) {
            return Decision.deny(GATE_BLOCKED, blocked);
        }
        ThrottleRule rule = rules.emailSends();
        int sends = counters.increment(emailCounter(userId), rule.window(), rule.limit());
        if (sends <= rule.limit()) {
            nearing(rule, gate, emailCounter(userId), userId, Method.EMAIL.id(), sends);
            return Decision.allow(rule.limit() - sends);
        }
        return refuse(rule, gate, emailCounter(userId), userId, Method.EMAIL.id());
    }

    /**
     * Asks to text or call {@code e164} for the user: refused while the user's gate for {@code channel} is blocked, or
     * when the number or its country is over its cap.
     *
     * @param channel {@link Method#SMS} or {@link Method#VOICE}
     * @param region the number's ISO 3166 alpha-2 country (e.g. from {@code PhoneNumbers.regionOf})
     */
    public Decision tryPhoneSend(String userId, Method channel, String e164, String region) {
        if (channel != Method.SMS && channel != Method.VOICE) {
            throw new IllegalArgumentException("not a phone channel: " + channel);
        }
        long gateBlocked = counters.blockedSeconds(gateSubject(userId, channel));
        if (gateBlocked > 0) {
            return Decision.deny(GATE_BLOCKED, gateBlocked);
        }
        String number = "n:" + digest(e164);
        String country = "c:" + (region == null ? "ZZ" : region.toUpperCase(Locale.ROOT));
        ThrottleRule perNumber = rules.phoneNumberSends();
        ThrottleRule perCountry = rules.phoneCountrySends();
        long numberBlocked = counters.blockedSeconds(phoneSubject(number));
        if (numberBlocked > 0) {
            return Decision.deny(perNumber.id(), numberBlocked);
        }
        long countryBlocked = counters.blockedSeconds(phoneSubject(country));
        if (countryBlocked > 0) {
            return Decision.deny(perCountry.id(), countryBlocked);
        }
        String target = e164.startsWith("decoy:") ? channel.id() : PhoneNumbers.mask(e164);
        int toNumber = counters.increment(perNumber.id() + ":" + number, perNumber.window(), perNumber.limit());
        if (toNumber > perNumber.limit()) {
            return refuse(perNumber, phoneSubject(number), perNumber.id() + ":" + number, userId, target);
        }
        int toCountry = counters.increment(perCountry.id() + ":" + country, perCountry.window(), perCountry.limit());
        if (toCountry > perCountry.limit()) {
            return refuse(perCountry, phoneSubject(country), perCountry.id() + ":" + country, userId, country);
        }
        // The realm's daily spend guard, per channel; it counts only what the narrower caps let through.
        ThrottleRule perRealm = realmRule(channel);
        int toRealm = counters.increment(perRealm.id(), perRealm.window(), perRealm.limit());
        if (toRealm > perRealm.limit()) {
            giveBackPhoneSend(e164, region);
            return capHit(perRealm, perRealm.id(), userId, channel.id());
        }
        // The daily message budget last, over what every cap let through (docs/throttles.md).
        MessageBudget.Spent spent = budget.take();
        if (!spent.allowed()) {
            giveBackPhoneSend(e164, region);
            counters.giveBack(perRealm.id(), perRealm.window(), perRealm.limit());
            return capHit(budget.rule(), MessageBudget.RULE, userId, channel.id());
        }
        spent.crossed().forEach(percent -> events.budgetReached(percent, budget.limit()));
        nearing(perNumber, phoneSubject(number), perNumber.id() + ":" + number, userId, target, toNumber);
        nearing(perCountry, phoneSubject(country), perCountry.id() + ":" + country, userId, country, toCountry);
        return Decision.allow(Math.min(
                perRealm.limit() - toRealm, Math.min(perNumber.limit() - toNumber, perCountry.limit() - toCountry)));
    }

    private ThrottleRule realmRule(Method channel) {
        return channel == Method.VOICE ? rules.realmCalls() : rules.realmTexts();
    }

    /** As {@link #giveBackPhoneSend(String, String)}, and the realm's daily count of {@code channel} too. */
    public void giveBackPhoneSend(Method channel, String e164, String region) {
        giveBackPhoneSend(e164, region);
        ThrottleRule perRealm = realmRule(channel);
        counters.giveBack(perRealm.id(), perRealm.window(), perRealm.limit());
        budget.giveBack();
    }

    /**
     * A cap that refuses until its window ends and never blocks anyone (daily caps, the budget, the per-address
     * limit); the first refusal of {@code counter} in its window is the hit that is told.
     */
    private Decision capHit(ThrottleRule rule, String counter, String userId, String target) {
        if (metrics != null) {
            metrics.block(realmName, rule.id());
        }
        tellFirst(rule, counter, userId, target);
        return Decision.deny(rule.id(), counters.secondsLeftInWindow(rule.window()));
    }

    /** Lists {@code counter} among the near-blocks when it reaches 80 % of its limit, once per window. */
    private void nearing(ThrottleRule rule, String subject, String counter, String userId, String target, int count) {
        if (index != null && count >= rule.nearAt() && counters.firstInWindow(NEAR + counter, rule.window())) {
            index.addNear(subject, counter, rule.id(), userId, target, rule.limit());
        }
    }

    /** Tells a limit hit once per counter and window, however many requests are refused by it (or race to it). */
    private void tellFirst(ThrottleRule rule, String counter, String userId, String target) {
        if (counters.firstInWindow(HIT + counter, rule.window())) {
            events.limitHit(rule.id(), userId, target);
        }
    }

    /** The blocks set under this throttle, to list and lift (docs/throttles.md). */
    public BlockList blocks() {
        return new BlockList(counters, rules, index, List.of(HIT, NEAR));
    }

    /** Whether a text or call would be refused now, to grey it out before the click; see {@link PhoneCheck}. */
    public Decision checkPhone(String userId, Method channel, String e164, String region) {
        return PhoneCheck.check(counters, rules, realmRule(channel), budget, userId, channel, e164, region);
    }

    /**
     * Gives back what an allowed {@link #tryPhoneSend} counted when the provider did not take the message (an error,
     * a refusal, a timeout, or no call made at all): only sends the provider accepted count against the number's and
     * the country's caps (docs/sms.md, "When the SMS provider fails"). A block already imposed stays.
     */
    public void giveBackPhoneSend(String e164, String region) {
        ThrottleRule perNumber = rules.phoneNumberSends();
        ThrottleRule perCountry = rules.phoneCountrySends();
        counters.giveBack(perNumber.id() + ":n:" + digest(e164), perNumber.window(), perNumber.limit());
        counters.giveBack(
                perCountry.id() + ":c:" + (region == null ? "ZZ" : region.toUpperCase(Locale.ROOT)),
                perCountry.window(),
                perCountry.limit());
    }

    /** Gives back what an allowed {@link #tryEmailSend} counted when the mail server did not take the message. */
    public void giveBackEmailSend(String userId) {
        ThrottleRule rule = rules.emailSends();
        counters.giveBack(emailCounter(userId), rule.window(), rule.limit());
    }

    /** After a successful reset: the user's failure and email counters restart and every gate block is lifted. */
    public void clearFor(String userId) {
        ThrottleRule failures = rules.gateFailures();
        for (Method gate : Method.values()) {
            counters.clear(failureCounter(userId, gate), failures.window(), failures.limit());
            counters.unblock(gateSubject(userId, gate));
            forgetMarkers(failureCounter(userId, gate), failures.window());
        }
        ThrottleRule emails = rules.emailSends();
        counters.clear(emailCounter(userId), emails.window(), emails.limit());
        forgetMarkers(emailCounter(userId), emails.window());
    }

    /** A cleared counter's next hit and next near-block are new: told and listed again. */
    private void forgetMarkers(String counter, Duration window) {
        counters.forgetFirst(HIT + counter, window);
        counters.forgetFirst(NEAR + counter, window);
    }

    private Decision refuse(ThrottleRule rule, String blockSubject, String counter, String userId, String target) {
        if (metrics != null) {
            metrics.block(realmName, rule.id());
        }
        counters.block(blockSubject, rule.blockFor());
        tellFirst(rule, counter, userId, target);
        if (index != null && !rule.blockFor().isZero()) {
            index.add(blockSubject, counter, rule.id(), userId, target, rule.limit());
        }
        long blocked = counters.blockedSeconds(blockSubject);
        return Decision.deny(rule.id(), blocked > 0 ? blocked : counters.secondsLeftInWindow(rule.window()));
    }

    private String failureCounter(String userId, Method gate) {
        return ThrottleKeys.failureCounter(rules.gateFailures(), userId, gate);
    }

    private String emailCounter(String userId) {
        return ThrottleKeys.emailCounter(rules.emailSends(), userId);
    }

    /**
     * The rules in force in {@code realm}: the throttle settings of the realm's policy (docs/throttles.md), from the
     * request's one read of it ({@link SsprPolicies#forRequest}), so a change holds on the next request on every node.
     */
    public static ThrottleRules rulesFor(KeycloakSession session, RealmModel realm) {
        return rulesOf(SsprPolicies.forRequest(session, realm), realm);
    }

    /** The rules in force under the realm's {@code policy}; defaults, with a warning, when its settings are invalid. */
    private static ThrottleRules rulesOf(SsprPolicy policy, RealmModel realm) {
        try {
            return policy.throttleRules();
        } catch (IllegalArgumentException invalid) {
            LOG.warnf(
                    "SSPR realm %s: throttle settings ignored, defaults apply: %s",
                    realm.getName(), invalid.getMessage());
            return ThrottleRules.defaults();
        }
    }
}
