package io.github.sspr.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.testing.MutableClock;
import io.github.sspr.testing.Race;
import io.github.sspr.throttle.InMemoryCounterStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-code cap under racing requests. Each racer gets its own copy of the flow's notes as they were when the code
 * was sent, like requests on different nodes that each read the replicated authentication session before any of the
 * others wrote to it (the worst case); only the counter store is shared, as Keycloak's single-use-object store is.
 */
class OneTimeCodesRaceTest {

    private static final CodeBinding BINDING = new CodeBinding("user-1", "root-1", "tab-1", "reset-email");

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final InMemoryCounterStore shared = new InMemoryCounterStore(clock);

    static Stream<Arguments> races() {
        // racers, max tries, comparisons expected (= min(racers, cap))
        return Stream.of(
                Arguments.of(16, 5, 5),
                Arguments.of(5, 5, 5),
                Arguments.of(3, 5, 3),
                Arguments.of(40, 3, 3),
                Arguments.of(12, 1, 1),
                Arguments.of(32, 10, 10));
    }

    @ParameterizedTest(name = "{0} wrong codes in parallel, cap {1}: {2} compared")
    @MethodSource("races")
    void parallelWrongCodesAreComparedAtMostCapTimes(int racers, int maxTries, int compared) throws Exception {
        CodeSettings settings = new CodeSettings(8, Duration.ofMinutes(5), maxTries, Duration.ofSeconds(30), 5);
        InMemoryNoteStore sent = new InMemoryNoteStore();
        String code = codes(sent, settings).issue(BINDING).code();
        String wrong =
                code.charAt(0) == '9' ? "0" + code.substring(1) : (char) (code.charAt(0) + 1) + code.substring(1);

        List<Callable<VerifyResult>> tasks = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            tasks.add(() -> codes(copyOf(sent), settings).verify(BINDING, wrong));
        }
        List<VerifyResult> results = Race.run(tasks);

        // Only a compared wrong code answers WRONG; the others were refused before comparing.
        assertEquals(compared, Collections.frequency(results, VerifyResult.WRONG), results.toString());
        assertEquals(
                racers - compared, Collections.frequency(results, VerifyResult.TOO_MANY_TRIES), results.toString());
        // Even a request that still holds the old notes cannot compare again, not even with the right code.
        InMemoryNoteStore late = copyOf(sent);
        if (compared == maxTries) {
            assertEquals(VerifyResult.TOO_MANY_TRIES, codes(late, settings).verify(BINDING, code));
            assertEquals(0, codes(copyOf(sent), settings).triesLeft(BINDING));
        } else {
            assertEquals(maxTries - compared, codes(late, settings).triesLeft(BINDING));
        }
    }

    @ParameterizedTest(name = "{0} requests with the right code in parallel: one accepted")
    @MethodSource("rightCodeRaces")
    void theRightCodeIsAcceptedOnceHoweverManyCarryIt(int racers) throws Exception {
        InMemoryNoteStore sent = new InMemoryNoteStore();
        String code = codes(sent, CodeSettings.email()).issue(BINDING).code();

        List<Callable<VerifyResult>> tasks = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            tasks.add(() -> codes(copyOf(sent), CodeSettings.email()).verify(BINDING, code));
        }
        List<VerifyResult> results = Race.run(tasks);

        assertEquals(1, Collections.frequency(results, VerifyResult.VALID), results.toString());
        // The others find the code used, or (beyond the cap of tries) are not compared at all.
        assertEquals(
                Math.max(0, racers - CodeSettings.DEFAULT_MAX_TRIES),
                Collections.frequency(results, VerifyResult.TOO_MANY_TRIES),
                results.toString());
        assertEquals(
                racers - 1 - Math.max(0, racers - CodeSettings.DEFAULT_MAX_TRIES),
                Collections.frequency(results, VerifyResult.NO_CODE),
                results.toString());
    }

    static Stream<Integer> rightCodeRaces() {
        return Stream.of(2, 8, 16);
    }

    private OneTimeCodes codes(NoteStore notes, CodeSettings settings) {
        return new OneTimeCodes(notes, shared, settings, clock, new SplittableRandom(11));
    }

    private static InMemoryNoteStore copyOf(InMemoryNoteStore notes) {
        InMemoryNoteStore copy = new InMemoryNoteStore();
        for (Map.Entry<String, String> note : notes.snapshot().entrySet()) {
            copy.set(note.getKey(), note.getValue());
        }
        return copy;
    }
}
