package io.github.sspr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A page message: an error on a field, or a banner (information or success) with its parameters in order. */
class MsgTest {

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of(Msg.error("code", "k.wrong", 3), "code", "k.wrong", List.of(3), Msg.Level.ERROR, true),
                Arguments.of(Msg.error(null, "k.blocked", 5L), null, "k.blocked", List.of(5L), Msg.Level.ERROR, true),
                Arguments.of(
                        Msg.info("k.sent", "a***@b.c"), null, "k.sent", List.of("a***@b.c"), Msg.Level.INFO, false),
                Arguments.of(Msg.success("k.saved"), null, "k.saved", List.of(), Msg.Level.SUCCESS, false),
                Arguments.of(Msg.info("k.two", 1, "x"), null, "k.two", List.of(1, "x"), Msg.Level.INFO, false));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("messages")
    void carriesItsFieldKeyParametersAndLevel(
            Msg msg, String field, String key, List<Object> params, Msg.Level level, boolean error) {
        assertEquals(field, msg.field());
        assertEquals(key, msg.key());
        assertEquals(params, msg.params());
        assertEquals(level, msg.level());
        assertEquals(error, msg.error());
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("messages")
    void equalMessagesAreEqualSoMachinesCanBeCompared(
            Msg msg, String field, String key, List<Object> params, Msg.Level level, boolean error) {
        assertEquals(new Msg(field, key, params, level), msg);
        assertFalse(msg.equals(new Msg(field, key + ".other", params, level)));
        assertThrows(UnsupportedOperationException.class, () -> msg.params().add("later"));
    }
}
