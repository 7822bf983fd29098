package io.github.sspr.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageBudgetTest {

    private static final long START = 1_700_000_000_000L / 86_400_000L * 86_400_000L;

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryCounterStore store = new InMemoryCounterStore(clock);

    private MessageBudget budget(int limit) {
        return new MessageBudget(new Counters(store, "realm-1", clock), limit);
    }

    @Test
    void thresholdsAreReachedAtTheRoundedUpShareOfTheBudget() {
        record Row(int count, int limit, List<Integer> reached) {}
        for (Row row : List.of(
                new Row(7, 10, List.of()),
                new Row(8, 10, List.of(80)),
                new Row(9, 10, List.of(80)),
                new Row(10, 10, List.of(80, 100)),
                new Row(1, 1, List.of(80, 100)),
                new Row(3, 4, List.of()),
                new Row(4, 4, List.of(80, 100)),
                new Row(3, 5, List.of()),
                new Row(4, 5, List.of(80)),
                new Row(799, 1000, List.of()),
                new Row(800, 1000, List.of(80)))) {
            assertEquals(row.reached(), MessageBudget.reached(row.count(), row.limit()), row.toString());
        }
    }

    @Test
    void eachThresholdIsAlertedOnceADayAndTheSendOverTheBudgetIsRefused() {
        // Two nodes: each its own MessageBudget on the one shared store.
        MessageBudget nodeA = budget(10);
        MessageBudget nodeB = budget(10);
        List<Integer> alerts = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            MessageBudget.Spent spent = (i % 2 == 0 ? nodeA : nodeB).take();
            assertTrue(spent.allowed(), "send " + i);
            alerts.addAll(spent.crossed());
            assertEquals(i == 8 ? List.of(80) : i == 10 ? List.of(100) : List.of(), spent.crossed(), "send " + i);
        }
        assertTrue(nodeA.full());
        MessageBudget.Spent over = nodeB.take();
        assertFalse(over.allowed());
        assertEquals(List.of(), over.crossed());
        assertEquals(List.of(80, 100), alerts);

        // The next UTC day starts afresh, with its own alerts.
        clock.advance(Duration.ofDays(1));
        assertFalse(nodeA.full());
        for (int i = 1; i <= 8; i++) {
            MessageBudget.Spent spent = nodeA.take();
            assertEquals(i == 8 ? List.of(80) : List.of(), spent.crossed(), "day 2 send " + i);
        }
    }

    @Test
    void aGivenBackSendMakesRoomAgainButDoesNotRepeatAnAlert() {
        MessageBudget budget = budget(5);
        for (int i = 0; i < 4; i++) {
            budget.take();
        }
        budget.giveBack();
        assertEquals(List.of(), budget.take().crossed(), "the 4th again: 80 % was already told");
        assertEquals(List.of(100), budget.take().crossed());
    }

    @Test
    void aBudgetOfZeroIsOffAndCountsNothing() {
        MessageBudget off = budget(0);
        for (int i = 0; i < 50; i++) {
            MessageBudget.Spent spent = off.take();
            assertTrue(spent.allowed());
            assertEquals(List.of(), spent.crossed());
        }
        assertFalse(off.full());
        assertTrue(store.keys().isEmpty(), "nothing stored");
    }
}
