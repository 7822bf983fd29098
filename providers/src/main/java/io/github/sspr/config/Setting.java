package io.github.sspr.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One configuration setting, declared once: its key, kind, default, bounds and help text. Everything else is derived
 * from it — the admin console's form ({@code config.console.SettingProperties}), parsing a stored configuration ({@link #parse}), the
 * per-field checks ({@link #check}), the REST schema the dashboard's editor is built from ({@link #schema()}) and the
 * settings table in the docs ({@link SettingsTable}). Holds no Keycloak type.
 *
 * <p>Values are stored as Keycloak stores component configuration: a list of strings per key, where a list value may
 * also be one string joined with {@code ##} (the admin console's form). Typed, a value is a {@link Boolean},
 * {@link Integer}, {@link String} (possibly {@code null}) or {@code List<String>}, by {@link Kind}.
 *
 * @param key the configuration key
 * @param kind how the value is typed, stored and edited
 * @param label a short English label
 * @param help what the setting does, in English
 * @param defaultValue the value when the key is absent (typed as {@link Kind} says)
 * @param min smallest number, or shortest text item; {@code 0} when unbounded
 * @param max largest number, or longest text; {@code 0} when unbounded
 * @param unit the unit of a number, for messages and docs ({@code minutes}, {@code days}), or {@code ""}
 * @param options the allowed values of a choice
 * @param format a rule each text value (or list item) must follow, or {@code null}
 * @param formatMessage what {@code format} asks for, when a value breaks it; {@code {0}} is the value
 * @param required whether the admin console must not let an admin save it empty
 */
public record Setting(
        String key,
        Kind kind,
        String label,
        String help,
        Object defaultValue,
        int min,
        int max,
        String unit,
        List<String> options,
        Predicate<String> format,
        String formatMessage,
        boolean required) {

    private static final Pattern LIST_DELIMITER = Pattern.compile("##");

    /** How a setting is typed and edited. */
    public enum Kind {
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A whole number between {@code min} and {@code max}. */
        INTEGER,
        /** A whole number between {@code min} and {@code max}, picked from a short list. */
        NUMBER_CHOICE,
        /** One of {@code options}. */
        CHOICE,
        /** Any of {@code options}, in the admin's order. */
        MULTI_CHOICE,
        /** A line of text, at most {@code max} characters; blank means unset ({@code null}). */
        TEXT,
        /** Lines of text, each {@code min} to {@code max} characters when bounded. */
        TEXT_LIST,
        /** A group of the realm, by path ({@code /staff}) or id. */
        GROUP
    }

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(help, "help");
        unit = unit == null ? "" : unit;
        options = options == null ? List.of() : List.copyOf(options);
        if (kind == Kind.NUMBER_CHOICE && options.isEmpty()) {
            List<String> numbers = new ArrayList<>();
            for (int n = min; n <= max; n++) {
                numbers.add(Integer.toString(n));
            }
            options = List.copyOf(numbers);
        }
    }

    public static Builder builder(String key, Kind kind) {
        return new Builder(key, kind);
    }

    /** The typed value and, when the stored text could not be read, why (the value is then the default). */
    public record Parsed(Object value, String error) {}

    /** Reads the stored strings of this setting; never fails (an unreadable value reads as the default). */
    public Parsed parse(List<String> stored) {
        if (stored == null) {
            return new Parsed(defaultValue, null);
        }
        switch (kind) {
            case MULTI_CHOICE: {
                List<String> known = new ArrayList<>();
                List<String> unknown = new ArrayList<>();
                for (String item : items(stored)) {
                    Optional<String> option = option(item);
                    if (option.isPresent()) {
                        known.add(option.get());
                    } else {
                        unknown.add(item);
                    }
                }
                return new Parsed(
                        List.copyOf(known),
                        unknown.isEmpty()
                                ? null
                                : "unknown value" + (unknown.size() > 1 ? "s " : " ") + quoted(unknown) + " ("
                                        + String.join(", ", options) + ")");
            }
            case TEXT_LIST:
                return new Parsed(List.copyOf(items(stored)), null);
            default:
                break;
        }
        String single = single(stored);
        if (single == null) {
            return new Parsed(kind == Kind.TEXT || kind == Kind.GROUP ? null : defaultValue, null);
        }
        switch (kind) {
            case BOOLEAN:
                if (single.equalsIgnoreCase("true") || single.equalsIgnoreCase("false")) {
                    return new Parsed(Boolean.valueOf(single.toLowerCase(Locale.ROOT)), null);
                }
                return new Parsed(defaultValue, "must be true or false; was '" + single + "'");
            case INTEGER:
            case NUMBER_CHOICE:
                try {
                    return new Parsed(Integer.parseInt(single), null);
                } catch (NumberFormatException e) {
                    return new Parsed(defaultValue, "must be a whole number; was '" + single + "'");
                }
            case CHOICE:
                return option(single)
                        .map(o -> new Parsed(o, null))
                        .orElseGet(() -> new Parsed(
                                defaultValue,
                                "must be one of " + String.join(", ", options) + "; was '" + single + "'"));
            default:
                return new Parsed(single, null);
        }
    }

    /** What is wrong with a typed value on its own (bounds, options, format); empty when nothing is. */
    public List<String> check(Object value) {
        List<String> problems = new ArrayList<>();
        switch (kind) {
            case INTEGER:
            case NUMBER_CHOICE: {
                int n = (Integer) value;
                if (n < min || n > max) {
                    problems.add("must be " + range());
                }
                break;
            }
            case CHOICE:
                if (value == null || !options.contains(value)) {
                    problems.add("must be one of " + String.join(", ", options));
                }
                break;
            case TEXT:
                if (value != null) {
                    checkText((String) value, problems);
                }
                break;
            case TEXT_LIST:
                for (Object item : (List<?>) value) {
                    checkText((String) item, problems);
                }
                break;
            case GROUP:
                if (value != null && max > 0 && ((String) value).length() > max) {
                    problems.add("must be at most " + max + " characters");
                }
                break;
            default:
                break;
        }
        return problems;
    }

    private void checkText(String text, List<String> problems) {
        int length = text == null ? 0 : text.strip().length();
        if ((min > 0 && length < min) || (max > 0 && length > max)) {
            problems.add(
                    kind == Kind.TEXT_LIST
                            ? "each must be " + (min > 0 ? min + " to " + max : "at most " + max) + " characters"
                            : "must be at most " + max + " characters");
        } else if (format != null && (text == null || !format.test(text))) {
            problems.add(formatMessage.replace("{0}", String.valueOf(text)));
        }
    }

    /** The allowed values in words: {@code 1 or 2}, {@code 1 to 10 minutes}, {@code email, sms}, or {@code ""}. */
    public String range() {
        switch (kind) {
            case INTEGER:
            case NUMBER_CHOICE:
                return (max == min + 1 ? min + " or " + max : min + " to " + max) + (unit.isEmpty() ? "" : " " + unit);
            case CHOICE:
            case MULTI_CHOICE:
                return String.join(", ", options);
            case TEXT:
            case GROUP:
                return max > 0 ? "at most " + max + " characters" : "";
            case TEXT_LIST:
                return max > 0 ? "each " + (min > 0 ? min + " to " + max : "at most " + max) + " characters" : "";
            default:
                return "true, false";
        }
    }

    /** The stored form of a typed value ({@code null} and empty lists store nothing). */
    public List<String> store(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private Optional<String> option(String value) {
        return options.stream().filter(o -> o.equalsIgnoreCase(value.strip())).findFirst();
    }

    /** The first non-blank value, stripped; {@code null} when there is none. */
    private static String single(List<String> values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** All non-blank values, each split on {@code ##}, stripped. */
    private static List<String> items(List<String> values) {
        List<String> result = new ArrayList<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : LIST_DELIMITER.split(value)) {
                if (!part.isBlank()) {
                    result.add(part.strip());
                }
            }
        }
        return result;
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }

    /** Assembles a declaration. */
    public static final class Builder {
        private final String key;
        private final Kind kind;
        private String label;
        private String help;
        private Object defaultValue;
        private int min;
        private int max;
        private String unit = "";
        private List<String> options = List.of();
        private Predicate<String> format;
        private String formatMessage;
        private boolean required;

        private Builder(String key, Kind kind) {
            this.key = key;
            this.kind = kind;
            defaultValue = switch (kind) {
                case BOOLEAN -> Boolean.FALSE;
                case MULTI_CHOICE, TEXT_LIST -> List.of();
                default -> null;
            };
        }

        public Builder label(String value) {
            label = value;
            return this;
        }

        public Builder help(String value) {
            help = value;
            return this;
        }

        public Builder defaultValue(Object value) {
            defaultValue = value;
            return this;
        }

        public Builder bounds(int minimum, int maximum) {
            min = minimum;
            max = maximum;
            return this;
        }

        public Builder maxLength(int maximum) {
            max = maximum;
            return this;
        }

        public Builder unit(String value) {
            unit = value;
            return this;
        }

        public Builder options(List<String> value) {
            options = value;
            return this;
        }

        public Builder format(Predicate<String> rule, String message) {
            format = rule;
            formatMessage = message;
            return this;
        }

        public Builder required() {
            required = true;
            return this;
        }

        public Setting build() {
            return new Setting(
                    key, kind, label, help, defaultValue, min, max, unit, options, format, formatMessage, required);
        }
    }
}
