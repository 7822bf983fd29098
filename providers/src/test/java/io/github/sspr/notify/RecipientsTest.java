package io.github.sspr.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecipientsTest {

    @Test
    void accountAndRecoveryEmailWhenBothAreVerified() {
        assertEquals(
                List.of("carol@demo.test", "carol.alt@elsewhere.test"),
                Recipients.forUser("carol@demo.test", true, "carol.alt@elsewhere.test", Set.of()));
    }

    @Test
    void anUnverifiedAccountEmailIsNotToldButTheRecoveryEmailIs() {
        assertEquals(
                List.of("carol.alt@elsewhere.test"),
                Recipients.forUser("carol@demo.test", false, "carol.alt@elsewhere.test", null));
    }

    @Test
    void formerAddressesAreToldAfterTheCurrentOnes() {
        assertEquals(
                List.of("erin@demo.test", "new@elsewhere.test", "old@elsewhere.test"),
                Recipients.forUser("erin@demo.test", true, "new@elsewhere.test", List.of("old@elsewhere.test")));
    }

    @Test
    void eachMailboxOnceCaseInsensitivelyFirstSpellingWins() {
        assertEquals(
                List.of("Dave@Demo.test", "dave.alt@elsewhere.test"),
                Recipients.forUser(
                        "Dave@Demo.test",
                        true,
                        "dave.alt@elsewhere.test",
                        List.of("DAVE@demo.TEST", " dave.alt@ELSEWHERE.test ")));
    }

    @Test
    void nothingWhenThereIsNoUsableAddress() {
        assertEquals(List.of(), Recipients.forUser(null, true, null, Set.of()));
        assertEquals(List.of(), Recipients.forUser("not-an-address", true, "", Arrays.asList((String) null)));
        assertEquals(List.of(), Recipients.forUser("frank@demo.test", false, null, Set.of()));
    }

    @Test
    void cappedSoThatOneNoticeCannotBecomeABurst() {
        List<String> many = List.of("a@x.io", "b@x.io", "c@x.io", "d@x.io", "e@x.io", "f@x.io", "g@x.io");
        assertEquals(
                Recipients.MAX, Recipients.forUser("z@x.io", true, null, many).size());
    }
}
