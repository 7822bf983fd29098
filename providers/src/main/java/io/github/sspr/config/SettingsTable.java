package io.github.sspr.config;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The settings as a Markdown table for the docs. A unit test writes it between {@link #BEGIN} and {@link #END} in the
 * doc and fails when the doc's copy differs, so the docs cannot drift from the declarations.
 */
public final class SettingsTable {

    public static final String BEGIN = "<!-- settings:begin -->";
    public static final String END = "<!-- settings:end -->";

    private SettingsTable() {}

    public static String markdown(List<Setting> settings) {
        StringBuilder table = new StringBuilder();
        table.append("| Key | Type | Default | Allowed | What it does |\n");
        table.append("|---|---|---|---|---|\n");
        for (Setting s : settings) {
            table.append("| `")
                    .append(s.key())
                    .append("` | ")
                    .append(s.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .append(" | ")
                    .append(cell(defaultText(s)))
                    .append(" | ")
                    .append(cell(s.range()))
                    .append(" | **")
                    .append(cell(s.label()))
                    .append(".** ")
                    .append(cell(s.help()))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** {@code doc} with the part between the markers replaced by {@code table}. */
    public static String replace(String doc, String table) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the doc has no " + BEGIN + " ... " + END + " markers");
        }
        return doc.substring(0, begin + BEGIN.length()) + "\n" + table + doc.substring(end);
    }

    private static String defaultText(Setting s) {
        Object value = s.defaultValue();
        if (value == null) {
            return "(none)";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty()
                    ? "(none)"
                    : list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
