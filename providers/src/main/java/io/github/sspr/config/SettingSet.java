package io.github.sspr.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The settings of one configured thing (the SSPR policy; later the throttles), each bound to the typed value it fills:
 * how to read a setting from a value {@code V} and how to set it on that value's builder {@code B}. From the one list
 * come reading a stored configuration into a builder, the per-field checks of a value, the value's stored and REST
 * forms, and the schema that editors are generated from.
 *
 * @param <V> the typed value (e.g. {@code SsprPolicy})
 * @param <B> its builder
 */
public final class SettingSet<V, B> {

    /** A setting and where its value lives in {@code V} and {@code B}. */
    public record Binding<V, B>(Setting setting, Function<V, Object> get, BiConsumer<B, Object> set) {}

    private final List<Binding<V, B>> bindings;

    private SettingSet(List<Binding<V, B>> bindings) {
        this.bindings = List.copyOf(bindings);
    }

    public static <V, B> Declarer<V, B> declare() {
        return new Declarer<>();
    }

    public List<Setting> settings() {
        return bindings.stream().map(Binding::setting).toList();
    }

    public Optional<Setting> setting(String key) {
        return bindings.stream()
                .map(Binding::setting)
                .filter(s -> s.key().equals(key))
                .findFirst();
    }

    /**
     * Reads a stored configuration into {@code builder}: every declared key, absent ones as their default, unreadable
     * ones as their default too, with an error saying why. Keys that are not declared are ignored.
     */
    public List<SettingError> read(Map<String, ? extends List<String>> config, B builder) {
        List<SettingError> errors = new ArrayList<>();
        for (Binding<V, B> binding : bindings) {
            Setting setting = binding.setting();
            Setting.Parsed parsed = setting.parse(config.get(setting.key()));
            if (parsed.error() != null) {
                errors.add(new SettingError(setting.key(), parsed.error()));
            }
            binding.set().accept(builder, parsed.value());
        }
        return errors;
    }

    /** The problems of each field of {@code value} on its own (bounds, options, format), fields in declared order. */
    public List<SettingError> check(V value, Collection<String> skip) {
        List<SettingError> errors = new ArrayList<>();
        for (Binding<V, B> binding : bindings) {
            String key = binding.setting().key();
            if (!skip.contains(key)) {
                for (String problem : binding.setting().check(binding.get().apply(value))) {
                    errors.add(new SettingError(key, problem));
                }
            }
        }
        return errors;
    }

    /** Every setting's typed value, by key in declared order (the REST form). */
    public Map<String, Object> values(V value) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Binding<V, B> binding : bindings) {
            values.put(binding.setting().key(), binding.get().apply(value));
        }
        return values;
    }

    /** {@code builder} holding every setting of {@code value}: a copy to change. */
    public B copy(V value, B builder) {
        for (Binding<V, B> binding : bindings) {
            binding.set().accept(builder, binding.get().apply(value));
        }
        return builder;
    }

    /**
     * The stored form of {@code value}: every setting written out, unset texts left out. A choice of several options is
     * stored as several values (the admin console shows one chip each); a list of texts as one value joined with
     * {@code ##}, because Keycloak's component store does not keep the order of several values and the order of a text
     * list is the admin's (e.g. the countries, the custom questions).
     */
    public Map<String, List<String>> store(V value) {
        Map<String, List<String>> stored = new LinkedHashMap<>();
        for (Binding<V, B> binding : bindings) {
            List<String> strings = binding.setting().store(binding.get().apply(value));
            if (binding.setting().kind() == Setting.Kind.TEXT_LIST && !strings.isEmpty()) {
                strings = List.of(String.join("##", strings));
            }
            if (!strings.isEmpty() || binding.setting().kind() == Setting.Kind.MULTI_CHOICE) {
                stored.put(binding.setting().key(), strings);
            }
        }
        return stored;
    }

    /**
     * A JSON object (as an editor sends it: booleans, numbers, strings, arrays of strings) in the stored form, for
     * {@link #read}. An undeclared key or a value of the wrong shape is an error named by its key.
     */
    public Map<String, List<String>> fromJson(Map<String, ?> json, List<SettingError> errors) {
        Map<String, List<String>> stored = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : json.entrySet()) {
            Optional<Setting> setting = setting(entry.getKey());
            if (setting.isEmpty()) {
                errors.add(new SettingError(entry.getKey(), "is not a setting"));
                continue;
            }
            Object value = entry.getValue();
            boolean list = setting.get().kind() == Setting.Kind.MULTI_CHOICE
                    || setting.get().kind() == Setting.Kind.TEXT_LIST;
            if (value == null) {
                stored.put(entry.getKey(), list ? List.of() : null);
            } else if (list && value instanceof List<?> items) {
                List<String> strings = new ArrayList<>();
                for (Object item : items) {
                    if (item instanceof String || item instanceof Number || item instanceof Boolean) {
                        strings.add(String.valueOf(item));
                    } else {
                        errors.add(new SettingError(entry.getKey(), "must be a list of texts"));
                    }
                }
                stored.put(entry.getKey(), strings);
            } else if (!list && (value instanceof String || value instanceof Number || value instanceof Boolean)) {
                stored.put(entry.getKey(), List.of(String.valueOf(value)));
            } else {
                errors.add(new SettingError(entry.getKey(), list ? "must be a list" : "must be a single value"));
            }
        }
        return stored;
    }

    /**
     * The declarations as data, for an editor that builds its form from them: key, kind, label, help, default,
     * bounds, unit, options, whether required, and the allowed values in words.
     */
    public List<Map<String, Object>> schema() {
        List<Map<String, Object>> schema = new ArrayList<>();
        for (Setting setting : settings()) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("key", setting.key());
            field.put(
                    "kind",
                    setting.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            field.put("label", setting.label());
            field.put("help", setting.help());
            field.put("default", setting.defaultValue());
            field.put("min", setting.min());
            field.put("max", setting.max());
            field.put("unit", setting.unit());
            field.put("options", setting.options());
            field.put("required", setting.required());
            field.put("allowed", setting.range());
            schema.add(field);
        }
        return schema;
    }

    /** Declares the settings in order, each with its getter and setter. */
    public static final class Declarer<V, B> {
        private final List<Binding<V, B>> bindings = new ArrayList<>();

        private Declarer() {}

        @SuppressWarnings("unchecked")
        public <T> Declarer<V, B> add(Setting setting, Function<V, T> get, BiConsumer<B, T> set) {
            if (bindings.stream().anyMatch(b -> b.setting().key().equals(setting.key()))) {
                throw new IllegalArgumentException("declared twice: " + setting.key());
            }
            bindings.add(new Binding<>(setting, get::apply, (b, v) -> set.accept(b, (T) v)));
            return this;
        }

        public SettingSet<V, B> build() {
            return new SettingSet<>(bindings);
        }
    }
}
