package io.github.sspr.delivery.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.sspr.policy.Method;
import io.github.sspr.sms.SmsSendException.Reason;
import io.github.sspr.testing.MutableClock;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SendGuardsTest {

    private final SendGuards guards = new SendGuards(CircuitBreaker.Settings.defaults(), 3, new MutableClock(0));

    @Test
    void everyChannelHasItsOwnExecutorAndBound() {
        assertEquals("sspr-send-email", guards.lane(Method.EMAIL).executor());
        assertEquals("sspr-send-sms", guards.lane(Method.SMS).executor());
        assertEquals("sspr-send-voice", guards.lane(Method.VOICE).executor());
        guards.lane(Method.SMS).tryReserve();
        guards.lane(Method.SMS).tryReserve();
        guards.lane(Method.SMS).tryReserve();

        assertEquals(true, guards.lane(Method.SMS).full());
        assertEquals(false, guards.lane(Method.EMAIL).full(), "a full SMS lane leaves email alone");
    }

    @Test
    void oneBreakerPerRealmAndProvider() {
        assertSame(guards.breaker("r1", "twilio"), guards.breaker("r1", "twilio"));
        assertNotSame(guards.breaker("r1", "twilio"), guards.breaker("r2", "twilio"));
        assertNotSame(guards.breaker("r1", "twilio"), guards.breaker("r1", "dev"));
        CircuitBreaker before = guards.breaker("r1", "twilio");

        guards.forgetRealm("r1");

        assertNotSame(before, guards.breaker("r1", "twilio"));
    }

    @Test
    void onlyAFailingProviderCountsAgainstItsBreaker() {
        Set<Reason> down = EnumSet.of(
                Reason.TIMEOUT,
                Reason.PROVIDER_UNAVAILABLE,
                Reason.RATE_LIMITED,
                Reason.AUTHENTICATION_FAILED,
                Reason.NOT_CONFIGURED);
        for (Reason reason : Reason.values()) {
            assertEquals(down.contains(reason), SendGuards.providerDown(reason), reason.name());
        }
    }
}
