package io.github.sspr.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineBufferTest {

    private final LineBuffer buffer = new LineBuffer();

    private List<String> add(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return buffer.add(bytes, bytes.length);
    }

    @Test
    void handsOutOnlyCompleteLines() {
        assertEquals(List.of("one", "two"), add("one\ntwo\nthr"));
        assertEquals(List.of(), add("ee"));
        assertEquals(List.of("three"), add("\n"));
    }

    @Test
    void dropsCarriageReturnsAndKeepsEmptyLines() {
        assertEquals(List.of("a", "", "b"), add("a\r\n\nb\n"));
    }

    @Test
    void keepsMultiByteCharactersThatArriveInPieces() {
        byte[] bytes = "é\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(), buffer.add(new byte[] {bytes[0]}, 1));
        assertEquals(List.of("é"), buffer.add(new byte[] {bytes[1], bytes[2]}, 2));
    }

    @Test
    void clearForgetsAPartialLine() {
        add("half");
        buffer.clear();
        assertEquals(List.of("whole"), add("whole\n"));
    }
}
