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
import io.github.sspr.throttle.LimitEvents;
import io.github.sspr.throttle.MessageBudget;
import io.github.sspr.throttle.ThrottleRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** One event per limit hit and per budget threshold, not one per refused request (docs/throttles.md). */
class ThrottleEventsTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long START =
            1_700_000_000_000L / DAY * DAY + Duration.ofHours(9).toMillis();

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryCounterStore store = new InMemoryCounterStore(clock);
    private final List<String> told = new ArrayList<>();

    private final LimitEvents recorder = new LimitEvents() {
        @Override
        public void limitHit(String rule, String userId, String target) {
            told.add(rule + " " + userId + " " + target);
        }

        @Override
        public void budgetReached(int percent, int budget) {
            told.add("budget " + percent + " of " + budget);
        }
    };

    /** A throttle of one node under {@code options}, with a daily message budget. */
    private Throttle node(Map<String, String> options, int budget) {
        return new Throttle(
                new Counters(store, "realm-1", clock),
                ThrottleRules.read(options::get),
                null,
                null,
                new BlockIndex(store, "realm-1", clock),
                recorder,
                budget);
    }

    private static Decision text(Throttle throttle, String user, String number) {
        return throttle.tryPhoneSend(user, Method.SMS, number, "DE");
    }

    /** Each row: a limit, the requests that go over it many times, and the one event expected. */
    @Test
    void everyLimitIsToldOnceHoweverOftenItRefuses() {
        record Row(String name, Map<String, String> options, Consumer<Throttle> overAndOver, String expected) {}
        List<Row> table = List.of(
                new Row(
                        "number block",
                        Map.of("phone-number-sends-limit", "2"),
                        t -> {
                            for (int i = 0; i < 6; i++) {
                                text(t, "u1", "+4915100000001");
                            }
                        },
                        "phone-number-sends u1 +49 ••• •••• 01"),
                new Row(
                        "country cap without a block",
                        Map.of("phone-country-sends-limit", "3"),
                        t -> {
                            for (int i = 0; i < 8; i++) {
                                text(t, "u" + i, "+49151000001" + i);
                            }
                        },
                        "phone-country-sends u3 c:DE"),
                new Row(
                        "daily text cap",
                        Map.of("realm-texts-limit", "2"),
                        t -> {
                            for (int i = 0; i < 6; i++) {
                                text(t, "u" + i, "+49151000002" + i);
                            }
                        },
                        "realm-texts u2 sms"),
                new Row(
                        "email block",
                        Map.of("email-sends-limit", "2"),
                        t -> {
                            for (int i = 0; i < 6; i++) {
                                t.tryEmailSend("u9");
                            }
                        },
                        "email-sends u9 email"),
                new Row(
                        "per address",
                        Map.of("identify-ip-limit", "3"),
                        t -> {
                            for (int i = 0; i < 9; i++) {
                                t.tryIdentify("192.0.2.1");
                            }
                        },
                        "identify-ip null null"));
        for (Row row : table) {
            store.keys().forEach(store::remove);
            told.clear();
            // Two nodes take turns: the "first hit" is decided in the shared store, not per node.
            Throttle a = node(row.options(), 0);
            Throttle b = node(row.options(), 0);
            row.overAndOver().accept(a);
            row.overAndOver().accept(b);
            assertEquals(1, told.size(), row.name() + ": " + told);
            assertTrue(told.get(0).startsWith(row.expected().split(" ")[0] + " "), row.name() + ": " + told);
        }
    }

    @Test
    void aLiftedBlockIsToldAgainWhenItIsHitAgain() {
        Throttle throttle = node(Map.of("phone-number-sends-limit", "1"), 0);
        text(throttle, "u1", "+4915100000001");
        assertFalse(text(throttle, "u1", "+4915100000001").allowed());
        assertEquals(1, told.size(), told.toString());
        String subject = throttle.blocks().active().get(0).entry().subject();
        assertTrue(throttle.blocks().lift(subject).isPresent());

        text(throttle, "u1", "+4915100000001");
        assertFalse(text(throttle, "u1", "+4915100000001").allowed());
        assertEquals(2, told.size(), told.toString());
    }

    @Test
    void aSuccessfulResetReArmsTheUsersHitAndNearMarkers() {
        Throttle throttle = node(Map.of("email-sends-limit", "2"), 0);
        for (int i = 0; i < 3; i++) {
            throttle.tryEmailSend("ava");
        }
        assertEquals(1, told.size(), told.toString());
        throttle.clearFor("ava");
        assertTrue(throttle.blocks().near().isEmpty(), "cleared: no longer near");
        throttle.tryEmailSend("ava");
        throttle.tryEmailSend("ava");
        assertEquals(1, throttle.blocks().near().size(), "near again after the clear");
        throttle.tryEmailSend("ava");
        assertEquals(2, told.size(), "blocked again after the clear is a new hit: " + told);
    }

    @Test
    void theBudgetAlertsAt80And100PercentOnceAndThenRefusesLikeADailyCap() {
        Throttle a = node(Map.of(), 5);
        Throttle b = node(Map.of(), 5);
        for (int i = 0; i < 5; i++) {
            Throttle t = i % 2 == 0 ? a : b;
            Method channel = i % 2 == 0 ? Method.SMS : Method.VOICE;
            assertTrue(
                    t.tryPhoneSend("u" + i, channel, "+4915100000" + (10 + i), "DE")
                            .allowed(),
                    "send " + i);
        }
        assertEquals(List.of("budget 80 of 5", "budget 100 of 5"), told);

        // Greyed out before the click, for texts and calls alike.
        assertEquals(
                MessageBudget.RULE,
                a.checkPhone("u7", Method.SMS, "+4915100000099", "DE").rule());
        assertEquals(
                MessageBudget.RULE,
                b.checkPhone("u7", Method.VOICE, "+4915100000099", "DE").rule());

        for (int i = 0; i < 4; i++) {
            Decision refused = a.tryPhoneSend("u7", Method.SMS, "+4915100000099", "DE");
            assertFalse(refused.allowed());
            assertEquals(MessageBudget.RULE, refused.rule());
            assertTrue(refused.retryAfterSeconds() <= Duration.ofHours(15).toSeconds(), "until the UTC day ends");
        }
        assertEquals(List.of("budget 80 of 5", "budget 100 of 5", "message-budget u7 sms"), told);
        // The refused sends were given back to the number's count: a number cap of 1 still lets one through.
        Throttle oneAHour = node(Map.of("phone-number-sends-limit", "1"), 0);
        assertTrue(
                oneAHour.tryPhoneSend("u7", Method.SMS, "+4915100000099", "DE").allowed());
    }

    /** Each row: a rule's limit, how many events, and whether the counter is listed as near (80 %, rounded up). */
    @Test
    void aCounterAt80PercentOfItsLimitIsANearBlockUntilItBlocks() {
        record Row(int limit, int sends, boolean near, boolean blocked) {}
        for (Row row : List.of(
                new Row(5, 3, false, false),
                new Row(5, 4, true, false),
                new Row(5, 5, true, false),
                new Row(5, 6, false, true),
                new Row(10, 7, false, false),
                new Row(10, 8, true, false),
                new Row(1, 1, true, false))) {
            store.keys().forEach(store::remove);
            Throttle throttle = node(Map.of("email-sends-limit", Integer.toString(row.limit())), 0);
            for (int i = 0; i < row.sends(); i++) {
                throttle.tryEmailSend("ava");
            }
            throttle.tryEmailSend("bob");
            List<BlockList.NearBlock> near = throttle.blocks().near();
            List<String> nearUsers = near.stream().map(n -> n.entry().userId()).toList();
            assertEquals(
                    row.near() ? List.of("ava") : List.of(),
                    nearUsers.stream().filter("ava"::equals).toList(),
                    row.toString());
            if (row.near()) {
                BlockList.NearBlock ava = near.stream()
                        .filter(n -> n.entry().userId().equals("ava"))
                        .findFirst()
                        .orElseThrow();
                assertEquals(Math.min(row.sends(), row.limit()), ava.count(), row.toString());
                assertEquals(row.limit(), ava.entry().count(), row.toString());
                assertEquals(ThrottleRules.EMAIL_SENDS, ava.entry().rule(), row.toString());
                assertTrue(ava.secondsLeft() > 0 && ava.secondsLeft() <= 600, row.toString());
            }
            assertEquals(row.blocked(), !throttle.blocks().active().isEmpty(), row.toString());
            // bob sent one: near only when one is 80 % of the limit.
            assertEquals(row.limit() == 1, nearUsers.contains("bob"), row.toString());
        }
    }
}
