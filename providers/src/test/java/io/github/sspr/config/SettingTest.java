package io.github.sspr.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The declaration mechanism on its own, with a made-up thing to configure (as the throttles will be). */
class SettingTest {

    private static final Setting SWITCH = Setting.builder("switch", Setting.Kind.BOOLEAN)
            .label("Switch")
            .help("On or off.")
            .defaultValue(true)
            .build();
    private static final Setting COUNT = Setting.builder("count", Setting.Kind.INTEGER)
            .label("Count")
            .help("How many.")
            .bounds(1, 10)
            .unit("minutes")
            .defaultValue(5)
            .build();
    private static final Setting MODE = Setting.builder("mode", Setting.Kind.CHOICE)
            .label("Mode")
            .help("Which.")
            .options(List.of("fast", "safe"))
            .defaultValue("safe")
            .build();
    private static final Setting TAGS = Setting.builder("tags", Setting.Kind.MULTI_CHOICE)
            .label("Tags")
            .help("Some.")
            .options(List.of("a", "b", "c"))
            .defaultValue(List.of("a"))
            .build();
    private static final Setting NAMES = Setting.builder("names", Setting.Kind.TEXT_LIST)
            .label("Names")
            .help("Lines.")
            .bounds(2, 5)
            .format(s -> !s.contains("!"), "'{0}' has a !")
            .build();

    /** A thing to configure: the mechanism is not specific to the policy. */
    static final class Thing {
        boolean on;
        int count;
        String mode;
        List<String> tags;
        List<String> names;
    }

    private static final SettingSet<Thing, Thing> SET = SettingSet.<Thing, Thing>declare()
            .add(SWITCH, t -> t.on, (Thing t, Boolean v) -> t.on = v)
            .add(COUNT, t -> t.count, (Thing t, Integer v) -> t.count = v)
            .add(MODE, t -> t.mode, (Thing t, String v) -> t.mode = v)
            .add(TAGS, t -> t.tags, (Thing t, List<String> v) -> t.tags = v)
            .add(NAMES, t -> t.names, (Thing t, List<String> v) -> t.names = v)
            .build();

    @Test
    void absentKeysReadAsDefaultsAndUnreadableOnesTooWithAReason() {
        Thing thing = new Thing();
        List<SettingError> errors = SET.read(
                Map.of("count", List.of("many"), "mode", List.of(" FAST "), "tags", List.of("b##x", "c")), thing);
        assertEquals(true, thing.on);
        assertEquals(5, thing.count);
        assertEquals("fast", thing.mode);
        assertEquals(List.of("b", "c"), thing.tags, "known options kept, in the given order");
        assertEquals(List.of(), thing.names);
        assertEquals(
                List.of(
                        new SettingError("count", "must be a whole number; was 'many'"),
                        new SettingError("tags", "unknown value 'x' (a, b, c)")),
                errors);
    }

    @Test
    void eachValueIsCheckedAgainstItsDeclaration() {
        String[][] cases = {
            {"count", "0", "must be 1 to 10 minutes"},
            {"count", "11", "must be 1 to 10 minutes"},
            {"count", "10", null},
            {"names", "ok##x", "each must be 2 to 5 characters"},
            {"names", "hey!", "'hey!' has a !"},
            {"names", "fine##good", null},
        };
        for (String[] c : cases) {
            Thing thing = new Thing();
            SET.read(Map.of(c[0], List.of(c[1])), thing);
            List<SettingError> errors = SET.check(thing, List.of());
            if (c[2] == null) {
                assertEquals(List.of(), errors, Arrays.toString(c));
            } else {
                assertEquals(List.of(new SettingError(c[0], c[2])), errors, Arrays.toString(c));
            }
        }
    }

    @Test
    void textListsAreStoredJoinedToKeepTheirOrderAndReadBack() {
        Thing thing = new Thing();
        SET.read(Map.of("names", List.of("zed", "amy", "bob")), thing);
        Map<String, List<String>> stored = SET.store(thing);
        assertEquals(List.of("zed##amy##bob"), stored.get("names"));
        assertEquals(List.of("a"), stored.get("tags"));
        Thing again = new Thing();
        assertEquals(List.of(), SET.read(stored, again));
        assertEquals(List.of("zed", "amy", "bob"), again.names);
    }

    @Test
    void jsonFromAnEditorBecomesTheStoredForm() {
        List<SettingError> errors = new ArrayList<>();
        Map<String, List<String>> stored =
                SET.fromJson(Map.of("switch", false, "count", 3, "tags", List.of("c", "a")), errors);
        assertEquals(List.of(), errors);
        assertEquals(List.of("false"), stored.get("switch"));
        assertEquals(List.of("3"), stored.get("count"));
        assertEquals(List.of("c", "a"), stored.get("tags"));
        assertNull(stored.get("mode"), "keys left out are left out");
    }

    @Test
    void theDocsTableHasOneRowPerSetting() {
        String table = SettingsTable.markdown(SET.settings());
        assertEquals(2 + 5, table.split("\n").length);
        assertEquals("| `count` | integer | 5 | 1 to 10 minutes | **Count.** How many. |", table.split("\n")[3]);
    }
}
