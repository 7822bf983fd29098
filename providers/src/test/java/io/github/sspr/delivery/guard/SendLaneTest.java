package io.github.sspr.delivery.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SendLaneTest {

    @Test
    void aFullLaneRefusesUntilAPlaceIsGivenBack() {
        SendLane lane = new SendLane("sspr-send-sms", 2);
        assertTrue(lane.tryReserve());
        assertFalse(lane.full());
        assertTrue(lane.tryReserve());

        assertTrue(lane.full());
        assertFalse(lane.tryReserve());
        assertEquals(2, lane.size());

        lane.release();
        assertFalse(lane.full());
        assertTrue(lane.tryReserve());
    }

    @Test
    void releasingMoreThanWasReservedNeverGoesBelowEmpty() {
        SendLane lane = new SendLane("sspr-send-email", 1);
        lane.release();

        assertEquals(0, lane.size());
        assertTrue(lane.tryReserve());
        assertFalse(lane.tryReserve());
    }
}
