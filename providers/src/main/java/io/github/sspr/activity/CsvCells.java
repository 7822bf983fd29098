package io.github.sspr.activity;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV cells that a spreadsheet will not execute. Usernames, client ids and reasons come from outside
 * (anyone can pick a username like {@code =HYPERLINK(...)}), so a cell starting with {@code = + - @}, tab or CR is
 * prefixed with an apostrophe, which spreadsheets treat as "this is text" (OWASP CSV injection). Every cell is quoted,
 * quotes are doubled, so commas and line breaks inside a value never shift columns.
 */
public final class CsvCells {

    private CsvCells() {}

    /** The cell as it must appear in the file, quotes included; null becomes an empty quoted cell. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "\"\"";
        }
        String safe = needsNeutralizing(value) ? "'" + value : value;
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    /** True when a spreadsheet could read the value as a formula or DDE call. */
    static boolean needsNeutralizing(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** Writes one record: cells separated by commas, ended by CRLF (RFC 4180). */
    public static void writeRow(Writer out, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(values.get(i)));
        }
        out.write("\r\n");
    }
}
