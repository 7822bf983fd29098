package io.github.sspr.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NotMeTokensTest {

    private final MemorySingleUseStore store = new MemorySingleUseStore();
    private final NotMeTokens tokens = new NotMeTokens(store);

    @Test
    void aKeyIsRandomUrlSafeAndOnlyItsHashIsStored() {
        String first = tokens.issue("realm-1", "user-1", "passwordReset");
        String second = tokens.issue("realm-1", "user-1", "passwordReset");
        assertNotEquals(first, second);
        assertTrue(first.matches("[A-Za-z0-9_-]{43}"), first);
        String stored = store.entries.toString();
        assertFalse(stored.contains(first), "the key itself is never stored: " + stored);
        assertTrue(store.entries.containsKey(NotMeTokens.PREFIX + NotMeTokens.digest(first)));
        assertEquals(NotMeTokens.TTL_SECONDS, store.lifespans.get(NotMeTokens.PREFIX + NotMeTokens.digest(first)));
    }

    @Test
    void peekingDoesNotUseTheKey() {
        String key = tokens.issue("realm-1", "user-1", "passwordReset");
        assertEquals(NotMeTokens.State.VALID, tokens.peek("realm-1", key));
        assertEquals(NotMeTokens.State.VALID, tokens.peek("realm-1", key));
        assertEquals(NotMeTokens.State.VALID, tokens.consume("realm-1", key).state());
    }

    @Test
    void worksOnceForItsUserThenSaysUsed() {
        String key = tokens.issue("realm-1", "user-1", "methodRemoved");
        NotMeTokens.Claim claim = tokens.consume("realm-1", key);
        assertEquals(new NotMeTokens.Claim(NotMeTokens.State.VALID, "user-1", "methodRemoved"), claim);
        assertEquals(NotMeTokens.State.USED, tokens.consume("realm-1", key).state());
        assertEquals(NotMeTokens.State.USED, tokens.peek("realm-1", key));
    }

    @Test
    void aRaceLostBetweenPeekAndRemoveCountsAsUsed() {
        String key = tokens.issue("realm-1", "user-1", "passwordReset");
        NotMeTokens racing = new NotMeTokens(new MemorySingleUseStore() {
            @Override
            public java.util.Map<String, String> get(String k) {
                return store.get(k);
            }

            @Override
            public java.util.Map<String, String> remove(String k) {
                return null; // the other node's remove won
            }
        });
        assertEquals(NotMeTokens.State.USED, racing.consume("realm-1", key).state());
    }

    @Test
    void unknownMalformedAndOtherRealmKeysAreInvalid() {
        String key = tokens.issue("realm-1", "user-1", "passwordReset");
        assertEquals(NotMeTokens.State.INVALID, tokens.consume("realm-2", key).state());
        assertEquals(NotMeTokens.State.VALID, tokens.peek("realm-1", key), "a wrong realm does not use it up");
        assertEquals(NotMeTokens.State.INVALID, tokens.peek("realm-1", null));
        assertEquals(NotMeTokens.State.INVALID, tokens.peek("realm-1", "short"));
        assertEquals(NotMeTokens.State.INVALID, tokens.peek("realm-1", key.substring(1) + "A"));
        assertEquals(
                NotMeTokens.State.INVALID,
                tokens.consume("realm-1", "x".repeat(43) + "'; drop").state());
    }
}
