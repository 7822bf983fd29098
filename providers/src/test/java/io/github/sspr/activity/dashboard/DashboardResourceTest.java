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
    void theScriptNeverParsesServerTextAsMarkup() {
        String js = text("dashboard.js");
        for (String sink : List.of(
                "innerHTML",
                "outerHTML",
                "insertAdjacentHTML",
                "document.write",
                "eval(",
                "new Function",
                "createContextualFragment",
                "DOMParser")) {
            assertFalse(js.contains(sink), "dashboard.js uses " + sink);
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
        collect(Pattern.compile("\\bt\\('([^']+)'"), text("dashboard.js"), keys);
        assertTrue(keys.size() > 30, keys.toString());
        for (String key : keys) {
            assertTrue(bundle.has(key), "missing message " + key);
        }
        for (String prefix : List.of("type.", "result.")) {
            assertTrue(bundle.has(prefix + "self-service-reset") || bundle.has(prefix + "reported-not-me"), prefix);
        }
        for (var result : io.github.sspr.activity.ActivityResult.values()) {
            assertTrue(bundle.has("result." + result.id()), result.id());
        }
        for (var type : io.github.sspr.activity.ActivityType.values()) {
            assertTrue(bundle.has("type." + type.id()), type.id());
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
