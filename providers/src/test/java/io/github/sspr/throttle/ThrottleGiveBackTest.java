package io.github.sspr.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.policy.Method;
import io.github.sspr.testing.MutableClock;
import io.github.sspr.throttle.store.Throttle;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Only sends the provider took count against a destination's caps (docs/sms.md, "When the SMS provider fails"). */
class ThrottleGiveBackTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final long START = 1_700_000_000_000L / HOUR.toMillis() * HOUR.toMillis();
    private static final String NUMBER = "+4915112345678";

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryCounterStore store = new InMemoryCounterStore(clock);
    private final Counters counters = new Counters(store, "realm-1", clock);
    private final Throttle throttle = new Throttle(counters, ThrottleRules.defaults());

    @Test
    void failedSendsGivenBackNeverUseUpTheNumbersCap() {
        for (int i = 1; i <= 20; i++) {
            assertTrue(throttle.tryPhoneSend("alice", Method.SMS, NUMBER, "DE").allowed(), "failed send " + i);
            throttle.giveBackPhoneSend(NUMBER, "DE");
        }

        for (int i = 1; i <= 5; i++) {
            assertTrue(throttle.tryPhoneSend("alice", Method.SMS, NUMBER, "DE").allowed(), "accepted send " + i);
        }
        Decision sixth = throttle.tryPhoneSend("alice", Method.SMS, NUMBER, "DE");
        assertFalse(sixth.allowed(), "sends the provider took still count");
        assertEquals(ThrottleRules.PHONE_NUMBER_SENDS, sixth.rule());
    }

    @Test
    void aProviderOutageLongerThanSixtyFourFailuresStillGivesEveryFailedSendBack() {
        // 150 texts to one country fail in an hour (an outage the breaker lets a probe through now and then): each is
        // given back, so the country's 200 accepted texts an hour are all still there.
        ThrottleRule country = ThrottleRules.defaults().phoneCountrySends();
        for (int i = 0; i < 150; i++) {
            String number = "+49151" + (10_000_000 + i);
            assertTrue(throttle.tryPhoneSend("u" + i, Method.SMS, number, "DE").allowed(), "failed send " + i);
            throttle.giveBackPhoneSend(number, "DE");
        }

        for (int i = 0; i < country.limit(); i++) {
            String number = "+49152" + (10_000_000 + i);
            assertTrue(throttle.tryPhoneSend("v" + i, Method.SMS, number, "DE").allowed(), "accepted send " + i);
        }
        Decision over = throttle.tryPhoneSend("w", Method.SMS, "+4915300000000", "DE");
        assertFalse(over.allowed());
        assertEquals(ThrottleRules.PHONE_COUNTRY_SENDS, over.rule());
    }

    @Test
    void theCountrysCountIsGivenBackToo() {
        ThrottleRule country = ThrottleRules.defaults().phoneCountrySends();
        String counter = country.id() + ":c:DE";
        throttle.tryPhoneSend("alice", Method.SMS, NUMBER, "DE");
        throttle.tryPhoneSend("bob", Method.VOICE, "+4915199999999", "de");
        assertEquals(2, counters.read(counter, country.window(), country.limit()));

        throttle.giveBackPhoneSend("+4915199999999", "de");

        assertEquals(1, counters.read(counter, country.window(), country.limit()));
        ThrottleRule number = ThrottleRules.defaults().phoneNumberSends();
        assertEquals(0, countOf(number, "+4915199999999"));
        assertEquals(1, countOf(number, NUMBER), "another number's count is left alone");
    }

    @Test
    void aFailedEmailIsGivenBack() {
        for (int i = 1; i <= 30; i++) {
            assertTrue(throttle.tryEmailSend("alice").allowed(), "failed email " + i);
            throttle.giveBackEmailSend("alice");
        }
        assertEquals(10, throttle.tryEmailSend("alice").remaining() + 1);
    }

    @Test
    void givingBackNothingCountedChangesNothing() {
        throttle.giveBackPhoneSend(NUMBER, "DE");
        throttle.giveBackEmailSend("alice");

        assertEquals(4, throttle.tryPhoneSend("alice", Method.SMS, NUMBER, "DE").remaining());
    }

    /** Sends counted to {@code e164} (keyed by its digest): what a probe send to it finds left, given back after. */
    private int countOf(ThrottleRule rule, String e164) {
        Decision next = throttle.tryPhoneSend("probe", Method.SMS, e164, "FR");
        throttle.giveBackPhoneSend(e164, "FR");
        return rule.limit() - next.remaining() - 1;
    }
}
