package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cluster-wide record of the last writeback goes through the store as string notes and comes back the same. */
class WritebackHealthTest {

    private static final Instant AT = Instant.parse("2026-12-06T22:00:00Z");

    static Stream<WritebackHealth> records() {
        return Stream.of(
                new WritebackHealth(AT, true, null, null, "node-a"),
                new WritebackHealth(AT, false, DirectoryFailure.UNREACHABLE, "91", "node-b"),
                new WritebackHealth(AT, false, DirectoryFailure.values()[0], null, null));
    }

    @ParameterizedTest
    @MethodSource("records")
    void aRecordSurvivesTheStore(WritebackHealth record) {
        assertEquals(record, WritebackHealth.fromNotes(record.toNotes()));
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of((Map<String, String>) null),
                Arguments.of(Map.of()),
                Arguments.of(Map.of("ok", "true")),
                Arguments.of(Map.of("at", "yesterday", "ok", "true")),
                Arguments.of(Map.of("at", AT.toString(), "ok", "false", "failure", "NO_SUCH_FAILURE")));
    }

    @ParameterizedTest
    @MethodSource("unreadable")
    void whatCannotBeReadIsUnknown(Map<String, String> notes) {
        assertEquals(WritebackHealth.UNKNOWN, WritebackHealth.fromNotes(notes));
    }
}
