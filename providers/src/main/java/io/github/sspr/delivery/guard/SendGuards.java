package io.github.sspr.delivery.guard;

import io.github.sspr.policy.Method;
import io.github.sspr.sms.SmsSendException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.keycloak.models.KeycloakSession;

/**
 * What keeps one failing channel from hurting the others (docs/sms.md, "When the SMS provider fails"): a bounded
 * {@link SendLane} per channel, each on its own executor, so an email never waits behind a hung SMS or call; and a
 * {@link CircuitBreaker} per realm and SMS provider.
 *
 * <p>Per node, on purpose: the lanes bound this node's executors, which no other node shares; and a breaker only
 * needs to stop <em>this</em> node hammering a provider that fails — each node of a cluster learns that within
 * {@link CircuitBreaker.Settings#failures()} calls of its own, and a shared breaker would put a cluster-wide write on
 * every send. Held by the {@code sspr-send-guards} provider factory (one per server), never in a static field.
 */
public final class SendGuards {

    /** The executors of the code sends, one per channel (Keycloak's {@code ExecutorsProvider}). */
    public static final String EMAIL_EXECUTOR = "sspr-send-email";

    public static final String SMS_EXECUTOR = "sspr-send-sms";
    public static final String VOICE_EXECUTOR = "sspr-send-voice";

    private final CircuitBreaker.Settings breakerSettings;
    private final LongSupplier clock;
    private final Map<Method, SendLane> lanes = new EnumMap<>(Method.class);
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    /**
     * @param laneCapacity sends waiting or running per channel on this node
     * @param clock milliseconds (Keycloak's, so that a test's time offset moves it)
     */
    public SendGuards(CircuitBreaker.Settings breakerSettings, int laneCapacity, LongSupplier clock) {
        this.breakerSettings = Objects.requireNonNull(breakerSettings, "breakerSettings");
        this.clock = Objects.requireNonNull(clock, "clock");
        lanes.put(Method.EMAIL, new SendLane(EMAIL_EXECUTOR, laneCapacity));
        lanes.put(Method.SMS, new SendLane(SMS_EXECUTOR, laneCapacity));
        lanes.put(Method.VOICE, new SendLane(VOICE_EXECUTOR, laneCapacity));
    }

    /** The guards of this server. */
    public static SendGuards of(KeycloakSession session) {
        SendGuardsProvider provider = session.getProvider(SendGuardsProvider.class);
        if (provider == null) {
            throw new IllegalStateException("the sspr-send-guards provider is not deployed");
        }
        return provider.guards();
    }

    /** The lane of {@code method}: {@link Method#EMAIL}, {@link Method#SMS} or {@link Method#VOICE}. */
    public SendLane lane(Method method) {
        SendLane lane = lanes.get(method);
        if (lane == null) {
            throw new IllegalArgumentException("no send lane for " + method);
        }
        return lane;
    }

    /** The breaker of {@code providerId} (e.g. {@code twilio}) in the realm {@code realmId}. */
    public CircuitBreaker breaker(String realmId, String providerId) {
        return breakers.computeIfAbsent(realmId + "/" + providerId, key -> new CircuitBreaker(breakerSettings, clock));
    }

    /** Forgets a removed realm's breakers. */
    public void forgetRealm(String realmId) {
        breakers.keySet().removeIf(key -> key.startsWith(realmId + "/"));
    }

    /**
     * Whether a failure with {@code reason} counts against the provider's breaker: it failed, throttled us, timed out
     * or refused our account. A refused number or country shows the provider up and answering, so it does not.
     */
    public static boolean providerDown(SmsSendException.Reason reason) {
        return switch (reason) {
            case TIMEOUT, PROVIDER_UNAVAILABLE, RATE_LIMITED, AUTHENTICATION_FAILED, NOT_CONFIGURED -> true;
            case INVALID_NUMBER, COUNTRY_NOT_ALLOWED, REJECTED -> false;
        };
    }
}
