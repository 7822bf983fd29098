package io.github.sspr.activity.dashboard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard's files: served from a fixed list, no markup sinks in the script, every word in the bundle. */
class DashboardResourceTest {

    @Test
    void everyListedFileIsOnTheClassPath() {
        DashboardResource.FILES.keySet().forEach(file -> assertTrue(DashboardResource.read(file).length > 0, file));
    }

    @Test
    void theScriptsNeverParseServerTextAsMarkup() {
        for (String file : List.of("dashboard.js", "policy-editor.js", "not-ready.js")) {
            assertNoMarkupSink(file);
        }
    }

    private static void assertNoMarkupSink(String file) {
        String js = text(file);
        for (String sink : List.of(
                "innerHTML",
                "outerHTML",
                "insertAdjacentHTML",
                "document.write",
                "eval(",
                "new Function",
                "createContextualFragment",
                "DOMParser")) {
            assertFalse(js.contains(sink), file + " uses " + sink);
        }
    }

    @Test
    void thePolicyAllowsNoInlineScriptAndNoOtherHost() {
        assertTrue(DashboardResource.CSP.contains("script-src 'self';"));
        assertFalse(DashboardResource.CSP.contains("unsafe"));
        assertFalse(DashboardResource.CSP.contains("http"));
    }

    @Test
    void everyMessageKeyThePageUsesIsInTheBundle() throws IOException {
        JsonNode bundle = new ObjectMapper().readTree(DashboardResource.read("messages_en.json"));
        List<String> keys = new ArrayList<>();
        collect(Pattern.compile("data-msg=\"([^\"]+)\""), text("index.html"), keys);
        // A table's column titles: data-columns="key key - key" ("-": a column without a title).
        List<String> columns = new ArrayList<>();
        collect(Pattern.compile("data-columns=\"([^\"]+)\""), text("index.html"), columns);
        assertTrue(columns.size() >= 4, columns.toString());
        columns.forEach(list -> java.util.Arrays.stream(list.trim().split("\\s+"))
                .filter(key -> !key.equals("-"))
                .forEach(keys::add));
        collect(Pattern.compile("\\bt\\('([^']+)'"), text("dashboard.js"), keys);
        collect(Pattern.compile("\\bt\\('([^']+)'"), text("policy-editor.js"), keys);
        collect(Pattern.compile("\\bt\\('([^']+)'"), text("not-ready.js"), keys);
        assertTrue(keys.size() > 30, keys.toString());
        for (String key : keys) {
            if (key.endsWith(".")) {
                // A key built from a prefix and a value the server sends (e.g. policy.unit. + minutes).
                List<String> names = new ArrayList<>();
                bundle.fieldNames().forEachRemaining(names::add);
                assertTrue(names.stream().anyMatch(n -> n.startsWith(key)), "no message starts with " + key);
            } else {
                assertTrue(bundle.has(key), "missing message " + key);
            }
        }
        for (String prefix : List.of("type.", "result.")) {
            assertTrue(bundle.has(prefix + "self-service-reset") || bundle.has(prefix + "reported-not-me"), prefix);
        }
        for (var result : io.github.sspr.activity.model.ActivityResult.values()) {
            assertTrue(bundle.has("result." + result.id()), result.id());
        }
        for (var type : io.github.sspr.activity.model.ActivityType.values()) {
            assertTrue(bundle.has("type." + type.id()), type.id());
        }
    }

    /**
     * Six languages: every bundle has every English key. The policy editor's labels and help texts come in English from
     * the setting declarations (SsprPolicyConfig), so only the other five bundles carry them, for every setting.
     */
    @Test
    void everyLanguageHasEveryKeyAndEverySettingsWords() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode english = json.readTree(DashboardResource.read("messages_en.json"));
        List<String> settings = io.github.sspr.policy.SsprPolicyConfig.SETTINGS.settings().stream()
                .map(io.github.sspr.config.Setting::key)
                .toList();
        for (String key : settings) {
            assertFalse(english.has("policy." + key + ".label"), "English words of " + key + " are the declaration's");
        }
        for (String language : List.of("de", "fr", "es", "pt_BR", "ja")) {
            JsonNode bundle = json.readTree(DashboardResource.read("messages_" + language + ".json"));
            english.fieldNames().forEachRemaining(key -> assertTrue(bundle.has(key), language + " lacks " + key));
            for (String key : settings) {
                assertTrue(bundle.has("policy." + key + ".label"), language + " lacks the label of " + key);
                assertTrue(bundle.has("policy." + key + ".help"), language + " lacks the help of " + key);
            }
            bundle.fieldNames().forEachRemaining(key -> {
                Matcher words =
                        Pattern.compile("policy\\.([A-Za-z]+)\\.(label|help)").matcher(key);
                assertTrue(
                        english.has(key) || (words.matches() && settings.contains(words.group(1))),
                        language + " has " + key + ", which is neither English's nor a setting's");
            });
        }
    }

    private static void collect(Pattern pattern, String text, List<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static String text(String file) {
        return new String(DashboardResource.read(file), StandardCharsets.UTF_8);
    }
}
