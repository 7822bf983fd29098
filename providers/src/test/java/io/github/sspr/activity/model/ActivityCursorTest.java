package io.github.sspr.activity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivityCursorTest {

    @Test
    void roundTrips() {
        ActivityCursor cursor = new ActivityCursor(1_700_000_000_123L, "5d8f1c2e-0b7a-4a57-9d2c-6f0e8b1a2c3d");
        assertEquals(cursor, ActivityCursor.decode(cursor.encode()).orElseThrow());
    }

    @Test
    void isUrlSafe() {
        String token = new ActivityCursor(Long.MAX_VALUE, "????????>>>>>>>>").encode();
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-cursor", "!!!", "bm8tY29sb24"})
    void garbageIsRejected(String token) {
        assertTrue(ActivityCursor.decode(token).isEmpty());
    }

    @Test
    void nonNumericTimesAndOverlongIdsAreRejected() {
        assertTrue(ActivityCursor.decode(b64("abc:id")).isEmpty());
        assertTrue(ActivityCursor.decode(b64("1:" + "x".repeat(37))).isEmpty());
        assertTrue(ActivityCursor.decode(b64("1:")).isEmpty());
        assertTrue(ActivityCursor.decode(null).isEmpty());
    }

    private static String b64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
