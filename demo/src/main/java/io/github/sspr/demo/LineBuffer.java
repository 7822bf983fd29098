package io.github.sspr.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes that arrive at the end of a growing file into whole lines. A line is handed out only once its line
 * break has arrived, so a line that another process is still writing is never read half.
 */
final class LineBuffer {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** Adds {@code length} bytes and returns the lines they complete, without their line breaks. */
    List<String> add(byte[] bytes, int length) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                String line = pending.toString(StandardCharsets.UTF_8);
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                lines.add(line);
                pending.reset();
            } else {
                pending.write(b);
            }
        }
        return lines;
    }

    /** Forgets a partial line, e.g. when the file was truncated under us. */
    void clear() {
        pending.reset();
    }
}
