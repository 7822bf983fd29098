package io.github.sspr.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=cmd|' /C calc'!A0"})
    void formulaTriggersAreNeutralized(String value) {
        String cell = CsvCells.cell(value);
        assertTrue(cell.startsWith("\"'"), cell);
        assertEquals(value, unquote(cell).substring(1), "the value itself survives behind the apostrophe");
    }

    @Test
    void theClassicCalcPayloadBecomesText() {
        assertEquals("\"'=cmd|' /C calc'!A0\"", CsvCells.cell("=cmd|' /C calc'!A0"));
    }

    @Test
    void aFormulaWithQuotesIsNeutralizedAndQuoted() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", CsvCells.cell("=HYPERLINK(\"http://x\")"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "a=b", "a-b", "x@y.z", "1", " =not-first", "'already"})
    void harmlessValuesAreOnlyQuoted(String value) {
        assertEquals('"' + value + '"', CsvCells.cell(value));
        assertFalse(CsvCells.needsNeutralizing(value));
    }

    @Test
    void nullAndEmptyAreEmptyCells() {
        assertEquals("\"\"", CsvCells.cell(null));
        assertEquals("\"\"", CsvCells.cell(""));
    }

    @Test
    void quotesAreDoubled() {
        assertEquals("\"say \"\"hi\"\"\"", CsvCells.cell("say \"hi\""));
    }

    @Test
    void commasAndLineBreaksStayInsideTheCell() {
        assertEquals("\"a,b\nc\"", CsvCells.cell("a,b\nc"));
    }

    @Test
    void rowsAreCommaSeparatedAndEndWithCrlf() throws IOException {
        StringWriter out = new StringWriter();
        CsvCells.writeRow(out, Arrays.asList("a", null, "=1", "b,c"));
        assertEquals("\"a\",\"\",\"'=1\",\"b,c\"\r\n", out.toString());
    }

    @Test
    void aRowSurvivesAStrictParser() throws IOException {
        StringWriter out = new StringWriter();
        List<String> values = List.of("x\"y", "line1\r\nline2", "-2", "plain");
        CsvCells.writeRow(out, values);
        assertEquals(List.of("x\"y", "line1\r\nline2", "'-2", "plain"), parseRow(out.toString()));
    }

    private static String unquote(String cell) {
        return cell.substring(1, cell.length() - 1).replace("\"\"", "\"");
    }

    /** A minimal RFC 4180 parser for one record (quoted cells only), ending at the CRLF after the last cell. */
    private static List<String> parseRow(String text) {
        List<String> cells = new java.util.ArrayList<>();
        int i = 0;
        while (true) {
            assertEquals('"', text.charAt(i));
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                char c = text.charAt(i);
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        value.append('"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                value.append(c);
                i++;
            }
            cells.add(value.toString());
            if (text.startsWith("\r\n", i)) {
                assertEquals(text.length(), i + 2, "one record only");
                return cells;
            }
            assertEquals(',', text.charAt(i));
            i++;
        }
    }
}
