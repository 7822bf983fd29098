package io.github.sspr.throttle.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.policy.Method;
import io.github.sspr.testing.MutableClock;
import io.github.sspr.throttle.BlockIndex;
import io.github.sspr.throttle.Counters;
import io.github.sspr.throttle.Decision;
import io.github.sspr.throttle.InMemoryCounterStore;
import io.github.sspr.throttle.ThrottleRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits added by docs/throttles.md: the daily realm caps, the per-address limit, and listing and lifting blocks. */
class ThrottleLimitsTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long START =
            1_700_000_000_000L / DAY * DAY + Duration.ofHours(9).toMillis();

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryCounterStore store = new InMemoryCounterStore(clock);

    private Throttle throttle(Map<String, String> options) {
        return new Throttle(
                new Counters(store, "realm-1", clock),
                ThrottleRules.read(options::get),
                null,
                null,
                new BlockIndex(store, "realm-1", clock));
    }

    private static Decision fail(Throttle throttle, String userId, Method gate) {
        GateAttempt attempt = throttle.attemptGate(userId, gate);
        return attempt.allowed() ? attempt.failed() : attempt.refusal();
    }

    @Test
    void theDailyTextCapRefusesAtItsConfiguredNumberUntilTheDayEndsAndLeavesCallsAlone() {
        Throttle throttle = throttle(Map.of("realm-texts-limit", "3"));
        for (int i = 0; i < 3; i++) {
            assertTrue(throttle.tryPhoneSend("u" + i, Method.SMS, "+4915112345" + (600 + i), "DE")
                    .allowed());
        }

        Decision fourth = throttle.tryPhoneSend("u9", Method.SMS, "+4915112345699", "DE");

        assertFalse(fourth.allowed());
        assertEquals(ThrottleRules.REALM_TEXTS, fourth.rule());
        assertEquals(Duration.ofHours(15).toSeconds(), fourth.retryAfterSeconds(), 1);
        assertTrue(
                throttle.tryPhoneSend("u9", Method.VOICE, "+4915112345699", "DE")
                        .allowed(),
                "calls count apart");
        assertTrue(throttle.blocks().active().isEmpty(), "a daily cap refuses; it blocks nobody");

        clock.advance(Duration.ofHours(15));
        assertTrue(
                throttle.tryPhoneSend("u9", Method.SMS, "+4915112345699", "DE").allowed());
    }

    @Test
    void aTextRefusedByTheDailyCapDoesNotCountAgainstItsNumber() {
        Throttle throttle = throttle(Map.of("realm-texts-limit", "1", "phone-number-sends-limit", "2"));
        assertTrue(
                throttle.tryPhoneSend("a", Method.SMS, "+4915112345600", "DE").allowed());
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    ThrottleRules.REALM_TEXTS,
                    throttle.tryPhoneSend("b", Method.SMS, "+4915112345601", "DE")
                            .rule());
        }
        clock.advance(Duration.ofDays(1));
        assertTrue(
                throttle.tryPhoneSend("b", Method.SMS, "+4915112345601", "DE").allowed());
    }

    @Test
    void thePerAddressLimitCountsEachAddressApart() {
        Throttle throttle = throttle(Map.of("identify-ip-limit", "2"));
        assertTrue(throttle.tryIdentify("192.0.2.1").allowed());
        assertTrue(throttle.tryIdentify("192.0.2.1").allowed());

        Decision third = throttle.tryIdentify("192.0.2.1");

        assertFalse(third.allowed());
        assertEquals(ThrottleRules.IDENTIFY_IP, third.rule());
        assertTrue(throttle.tryIdentify("192.0.2.2").allowed());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(throttle.tryIdentify("192.0.2.1").allowed());
    }

    @Test
    void aBlockIsListedWithItsReasonAndEndAndLiftingItClearsItOnly() {
        Throttle throttle = throttle(Map.of("gate-failures-limit", "2", "gate-failures-block-minutes", "90"));
        fail(throttle, "erin", Method.SMS);
        fail(throttle, "erin", Method.SMS);
        fail(throttle, "frank", Method.EMAIL);
        fail(throttle, "frank", Method.EMAIL);
        clock.advance(Duration.ofMinutes(10));

        List<BlockList.ActiveBlock> blocks = throttle.blocks().active();

        assertEquals(2, blocks.size());
        BlockList.ActiveBlock erin = blocks.stream()
                .filter(b -> b.entry().userId().equals("erin"))
                .findFirst()
                .orElseThrow();
        assertEquals(ThrottleRules.GATE_FAILURES, erin.entry().rule());
        assertEquals("sms", erin.entry().target());
        assertEquals(2, erin.entry().count());
        assertEquals(START, erin.entry().since());
        assertEquals(Duration.ofMinutes(80).toSeconds(), erin.secondsLeft());

        assertTrue(throttle.blocks().lift(erin.entry().subject()).isPresent());

        assertTrue(throttle.checkGate("erin", Method.SMS).allowed());
        assertEquals(2, throttle.checkGate("erin", Method.SMS).remaining(), "its counter starts again");
        assertFalse(throttle.checkGate("frank", Method.EMAIL).allowed(), "another user's block stays");
        assertEquals(1, throttle.blocks().active().size());
        assertFalse(throttle.blocks().lift(erin.entry().subject()).isPresent(), "nothing to lift twice");
        assertFalse(throttle.blocks().lift("gate:u:nobody:sms").isPresent(), "only listed blocks can be lifted");
    }

    @Test
    void aNumberBlockNamesTheNumberMaskedAndExpiredBlocksAreNotListed() {
        Throttle throttle = throttle(Map.of("phone-number-sends-limit", "1", "phone-number-sends-block-minutes", "30"));
        throttle.tryPhoneSend("erin", Method.SMS, "+4915112345678", "DE");
        throttle.tryPhoneSend("erin", Method.SMS, "+4915112345678", "DE");

        List<BlockList.ActiveBlock> blocks = throttle.blocks().active();
        assertEquals(1, blocks.size());
        assertEquals(ThrottleRules.PHONE_NUMBER_SENDS, blocks.get(0).entry().rule());
        assertFalse(
                blocks.get(0).entry().target().contains("12345678"),
                blocks.get(0).entry().target());
        assertTrue(blocks.get(0).entry().target().endsWith("78"));

        clock.advance(Duration.ofMinutes(31));
        assertTrue(throttle.blocks().active().isEmpty());
    }

    @Test
    void checkPhoneGreysOutWhatASendWouldBeRefusedAndOnlyReads() {
        Throttle throttle = throttle(
                Map.of("realm-texts-limit", "2", "phone-number-sends-limit", "1", "phone-country-sends-limit", "9"));
        assertTrue(throttle.checkPhone("a", Method.SMS, "+4915112345600", "DE").allowed());
        assertTrue(
                throttle.tryPhoneSend("a", Method.SMS, "+4915112345600", "DE").allowed());

        // The number is at its cap but not blocked: the next send sets the block, so it is still offered.
        assertTrue(throttle.checkPhone("a", Method.SMS, "+4915112345600", "DE").allowed());
        assertFalse(
                throttle.tryPhoneSend("a", Method.SMS, "+4915112345600", "DE").allowed());
        assertEquals(
                ThrottleRules.PHONE_NUMBER_SENDS,
                throttle.checkPhone("a", Method.SMS, "+4915112345600", "DE").rule());

        assertTrue(
                throttle.tryPhoneSend("b", Method.SMS, "+4915112345601", "DE").allowed());
        Decision full = throttle.checkPhone("c", Method.SMS, "+4915112345602", "DE");
        assertEquals(ThrottleRules.REALM_TEXTS, full.rule(), "the day's texts are used up: greyed out at once");
        assertTrue(
                throttle.checkPhone("c", Method.VOICE, "+4915112345602", "DE").allowed());
        for (int i = 0; i < 5; i++) {
            throttle.checkPhone("d", Method.SMS, "+4915112345603", "DE");
        }
        clock.advance(Duration.ofDays(1));
        assertTrue(
                throttle.tryPhoneSend("d", Method.SMS, "+4915112345603", "DE").allowed(), "checks count nothing");
    }
}
