package io.github.sspr.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every SSPR message bundle in the repository is complete in every shipped language.
 *
 * <p>Bundles are found, not listed: any directory under a module's {@code src/main/resources} that holds a
 * {@code messages_en.properties} is a bundle (today the providers' {@code theme-resources/messages}, merged by Keycloak
 * into every theme, and the {@code sspr} login and email themes' {@code messages}). English is the reference; each
 * other file must have exactly its keys, the same {@code {n}} arguments (formatted as choice or number only where
 * English does: the code may pass such an argument as text), a non-empty value that is a valid
 * {@link MessageFormat} pattern, and be strict UTF-8 (Keycloak reads bundles through {@code PropertyResourceBundle},
 * which silently falls back to ISO-8859-1 on a malformed byte and would then show mojibake).
 *
 * <p>Keycloak formats every message through {@code MessageFormat}, with or without arguments (FreeMarker's
 * {@code msg()}, {@code FormMessage}, email subjects), so a lone apostrophe would start a quoted section and vanish,
 * taking the text after it along: write it as {@code ''} (or use a typographic apostrophe).
 */
class MessageBundlesTest {

    /** Keycloak's file suffixes ({@code Locale.toString()}) of the languages SSPR ships. */
    static final List<String> SHIPPED = List.of("en", "de", "fr", "es", "pt_BR", "ja");

    /** The same languages as Keycloak's locale tags ({@code theme.properties}, the realm's supported locales). */
    static final Set<String> SHIPPED_TAGS = Set.of("en", "de", "fr", "es", "pt-BR", "ja");

    private static final Pattern ARGUMENT = Pattern.compile("\\{\\s*(\\d+)");
    private static final Pattern TYPED_ARGUMENT = Pattern.compile("\\{\\s*(\\d+)\\s*,\\s*(\\w+)");
    private static final Pattern FTL_KEY = Pattern.compile("msg\\(\\s*\"(sspr[^\"]*)\"\\s*([,)+])");
    /** Java passes message keys to forms ({@code FormMessage}, {@code setError}/{@code setInfo}/…) and email subjects. */
    private static final Pattern JAVA_KEY = Pattern.compile(
            "(?:new FormMessage\\([^,()]*,\\s*|\\.set(?:Error|Info|Success|Warning)\\(\\s*|\\.send\\(\\s*)\"(sspr[^\"]*)\"");

    private static final Set<String> SKIPPED_DIRS = Set.of("target", ".git", "node_modules", ".demo", ".mirror");

    private static Path root;
    private static List<Path> bundleDirs;
    /** Bundles of pages that translate themselves in the browser (the activity dashboard): flat JSON objects. */
    private static List<Path> jsonBundleDirs;

    @BeforeAll
    static void findBundles() throws IOException {
        root = repositoryRoot();
        try (Stream<Path> files = walk(root)) {
            bundleDirs = files.filter(p -> p.getFileName().toString().equals("messages_en.properties"))
                    .filter(p -> p.toString().replace('\\', '/').contains("/src/main/resources/"))
                    .map(Path::getParent)
                    .sorted()
                    .toList();
        }
        try (Stream<Path> files = walk(root)) {
            jsonBundleDirs = files.filter(p -> p.getFileName().toString().equals("messages_en.json"))
                    .filter(p -> p.toString().replace('\\', '/').contains("/src/main/resources/"))
                    .map(Path::getParent)
                    .sorted()
                    .toList();
        }
        // Guards the discovery itself: a moved tree must not turn this test into a silent pass.
        assertTrue(
                bundleDirs.contains(root.resolve("providers/src/main/resources/theme-resources/messages")),
                "bundles found: " + bundleDirs);
        assertTrue(
                bundleDirs.contains(root.resolve("themes/src/main/resources/theme/sspr/login/messages")),
                "bundles found: " + bundleDirs);
        assertTrue(
                bundleDirs.contains(root.resolve("themes/src/main/resources/theme/sspr/email/messages")),
                "bundles found: " + bundleDirs);
        assertTrue(
                jsonBundleDirs.contains(root.resolve("providers/src/main/resources/sspr-dashboard")),
                "JSON bundles found: " + jsonBundleDirs);
    }

    @Test
    void everyBundleExistsInEveryShippedLanguage() {
        List<String> problems = new ArrayList<>();
        for (Path dir : bundleDirs) {
            for (String locale : SHIPPED) {
                if (!Files.isRegularFile(dir.resolve("messages_" + locale + ".properties"))) {
                    problems.add(rel(dir) + ": messages_" + locale + ".properties is missing");
                }
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void everyTranslationHasExactlyTheEnglishKeysWithTheSameArguments() {
        List<String> problems = new ArrayList<>();
        for (Path dir : bundleDirs) {
            Map<String, String> english = load(dir.resolve("messages_en.properties"), problems);
            for (Path file : bundleFiles(dir)) {
                if (file.getFileName().toString().equals("messages_en.properties")) {
                    continue;
                }
                String where = rel(file);
                Map<String, String> translated = load(file, problems);
                for (String key : english.keySet()) {
                    if (!translated.containsKey(key)) {
                        problems.add(where + ": missing key " + key);
                    }
                }
                for (String key : translated.keySet()) {
                    if (!english.containsKey(key)) {
                        problems.add(where + ": extra key " + key + " (not in messages_en.properties)");
                    } else if (!arguments(translated.get(key)).equals(arguments(english.get(key)))) {
                        problems.add(where + ": " + key + " has arguments " + arguments(translated.get(key))
                                + ", English has " + arguments(english.get(key)));
                    } else if (!formats(english.get(key)).containsAll(formats(translated.get(key)))) {
                        // The code may pass a String where English only prints {0}; a choice or number format on
                        // it would then throw while rendering the page, in that language only.
                        problems.add(where + ": " + key + " formats arguments as " + formats(translated.get(key))
                                + ", English only as " + formats(english.get(key)));
                    }
                }
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void everyValueIsANonEmptyValidMessageFormatPattern() {
        List<String> problems = new ArrayList<>();
        for (Path dir : bundleDirs) {
            for (Path file : bundleFiles(dir)) {
                Locale locale = Locale.forLanguageTag(localeOf(file).replace('_', '-'));
                load(file, problems).forEach((key, value) -> {
                    String where = rel(file) + ": " + key;
                    if (value.isBlank()) {
                        problems.add(where + " is empty");
                        return;
                    }
                    if (value.replace("''", "").indexOf('\'') >= 0) {
                        problems.add(where + " has a lone apostrophe; MessageFormat drops it: write '' or ’");
                    }
                    try {
                        MessageFormat format = new MessageFormat(value, locale);
                        Object[] args = new Object[format.getFormatsByArgumentIndex().length];
                        Arrays.setAll(args, i -> i + 2);
                        format.format(args);
                    } catch (IllegalArgumentException e) {
                        problems.add(where + " is not a valid MessageFormat pattern: " + e.getMessage());
                    }
                });
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void translationsAreNotLeftInEnglish() {
        // Copying the English text "for now" passes every key check: catch sentences (3+ words) left untranslated.
        List<String> problems = new ArrayList<>();
        for (Path dir : bundleDirs) {
            Map<String, String> english = load(dir.resolve("messages_en.properties"), problems);
            for (Path file : bundleFiles(dir)) {
                if (localeOf(file).equals("en")) {
                    continue;
                }
                load(file, problems).forEach((key, value) -> {
                    if (value.equals(english.get(key)) && value.strip().split("\\s+").length >= 3) {
                        problems.add(rel(file) + ": " + key + " is still the English text");
                    }
                });
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void everyJsonBundleIsCompleteInEveryShippedLanguage() {
        // The dashboard replaces {n} itself (no MessageFormat): apostrophes are plain text there.
        List<String> problems = new ArrayList<>();
        for (Path dir : jsonBundleDirs) {
            Map<String, String> english = loadJson(dir.resolve("messages_en.json"), problems);
            for (String locale : SHIPPED) {
                Path file = dir.resolve("messages_" + locale + ".json");
                if (!Files.isRegularFile(file)) {
                    problems.add(rel(dir) + ": messages_" + locale + ".json is missing");
                    continue;
                }
                Map<String, String> translated = loadJson(file, problems);
                english.keySet().stream()
                        .filter(key -> !translated.containsKey(key))
                        .forEach(key -> problems.add(rel(file) + ": missing key " + key));
                translated.forEach((key, value) -> {
                    if (!english.containsKey(key) && declaredSettingWords(dir, key)) {
                        // English words of a policy setting are its declaration's (SsprPolicyConfig); the other
                        // languages' copies are checked against the declarations by providers' DashboardResourceTest.
                        return;
                    }
                    if (!english.containsKey(key)) {
                        problems.add(rel(file) + ": extra key " + key);
                    } else if (value.isBlank()) {
                        problems.add(rel(file) + ": " + key + " is empty");
                    } else if (!arguments(value).equals(arguments(english.get(key)))) {
                        problems.add(rel(file) + ": " + key + " has arguments " + arguments(value) + ", English has "
                                + arguments(english.get(key)));
                    } else if (!locale.equals("en")
                            && value.equals(english.get(key))
                            && value.strip().split("\\s+").length >= 3) {
                        problems.add(rel(file) + ": " + key + " is still the English text");
                    }
                });
            }
        }
        assertNoProblems(problems);
    }

    private static final java.util.regex.Pattern SETTING_WORDS =
            java.util.regex.Pattern.compile("policy\\.[A-Za-z]+\\.(label|help)");

    private static boolean declaredSettingWords(Path dir, String key) {
        return dir.endsWith("sspr-dashboard") && SETTING_WORDS.matcher(key).matches();
    }

    @Test
    void everyKeyTheCodeUsesIsInTheEnglishBundles() throws IOException {
        Set<String> known = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Path dir : bundleDirs) {
            known.addAll(load(dir.resolve("messages_en.properties"), problems).keySet());
        }
        List<Path> sources;
        try (Stream<Path> files = walk(root)) {
            sources = files.filter(p -> p.toString().replace('\\', '/').contains("/src/main/"))
                    .filter(p -> p.toString().endsWith(".ftl") || p.toString().endsWith(".java"))
                    .toList();
        }
        for (Path source : sources) {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            boolean template = source.toString().endsWith(".ftl");
            Matcher m = (template ? FTL_KEY : JAVA_KEY).matcher(text);
            while (m.find()) {
                String key = m.group(1);
                // A key built at run time ("sspr.register.method." + id) must at least have one key under its prefix.
                boolean prefix = template ? m.group(2).equals("+") : key.endsWith(".");
                boolean found = prefix ? known.stream().anyMatch(k -> k.startsWith(key)) : known.contains(key);
                if (!found) {
                    problems.add(rel(source) + " uses " + (prefix ? "keys starting with " : "key ") + key
                            + ", which no messages_en.properties defines");
                }
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void ssprThemesDeclareTheShippedLocales() throws IOException {
        Path themes = root.resolve("themes/src/main/resources/theme");
        List<Path> descriptors;
        try (Stream<Path> files = walk(themes)) {
            descriptors = files.filter(p -> p.getFileName().toString().equals("theme.properties"))
                    .toList();
        }
        assertFalse(descriptors.isEmpty(), "no theme.properties under " + themes);
        for (Path descriptor : descriptors) {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(descriptor, StandardCharsets.UTF_8)));
            String locales = properties.getProperty("locales", "");
            assertEquals(
                    SHIPPED_TAGS,
                    Arrays.stream(locales.split(",")).map(String::strip).collect(Collectors.toSet()),
                    rel(descriptor) + " locales=");
        }
    }

    @Test
    void theDemoRealmOffersTheShippedLocales() throws IOException {
        String realm = Files.readString(root.resolve("realm-exports/demo-realm.json"), StandardCharsets.UTF_8);
        assertTrue(
                Pattern.compile("\"internationalizationEnabled\"\\s*:\\s*true")
                        .matcher(realm)
                        .find(),
                "internationalizationEnabled");
        Matcher supported =
                Pattern.compile("\"supportedLocales\"\\s*:\\s*\\[([^]]*)]").matcher(realm);
        assertTrue(supported.find(), "supportedLocales");
        Set<String> tags = new TreeSet<>();
        Matcher tag = Pattern.compile("\"([^\"]+)\"").matcher(supported.group(1));
        while (tag.find()) {
            tags.add(tag.group(1));
        }
        assertEquals(new TreeSet<>(SHIPPED_TAGS), tags, "supportedLocales");
        assertTrue(
                Pattern.compile("\"defaultLocale\"\\s*:\\s*\"en\"")
                        .matcher(realm)
                        .find(),
                "defaultLocale");
    }

    @Test
    void noMessageLeavesThePluralToTheReader() {
        // "letter(s)", "Minute(n)": the code passes the number, so the message can say it right (ChoiceFormat).
        Pattern lazyPlural = Pattern.compile("\\p{L}\\((?:s|es|n|en|e|r|x)\\)");
        List<String> problems = new ArrayList<>();
        for (Path dir : bundleDirs) {
            for (Path file : bundleFiles(dir)) {
                load(file, problems).forEach((key, value) -> {
                    if (lazyPlural.matcher(value).find()) {
                        problems.add(rel(file) + ": " + key + " leaves the plural to the reader: " + value);
                    }
                });
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void pluralMessagesRenderTheRightFormInEveryLanguage() {
        // key, language, count, text the rendered message must contain
        String[][] cases = {
            {"sspr.reset.error.codeWrong", "en", "1", "1 try left"},
            {"sspr.reset.error.codeWrong", "en", "2", "2 tries left"},
            {"sspr.reset.error.codeWrong", "de", "1", "Noch 1 Versuch."},
            {"sspr.reset.error.codeWrong", "de", "2", "Noch 2 Versuche."},
            {"sspr.reset.error.codeWrong", "fr", "1", "1 tentative."},
            {"sspr.reset.error.codeWrong", "fr", "2", "2 tentatives."},
            {"sspr.reset.error.codeWrong", "es", "1", "Le queda 1 intento."},
            {"sspr.reset.error.codeWrong", "es", "2", "Le quedan 2 intentos."},
            {"sspr.reset.error.codeWrong", "pt_BR", "1", "Resta 1 tentativa."},
            {"sspr.reset.error.codeWrong", "pt_BR", "2", "Restam 2 tentativas."},
            {"sspr.reset.error.codeWrong", "ja", "2", "残りの試行回数: 2"},
            {"sspr.reset.rule.digits", "en", "1", "At least 1 digit"},
            {"sspr.reset.rule.digits", "en", "3", "At least 3 digits"},
            {"sspr.reset.rule.lowerCase", "en", "1", "At least 1 lowercase letter"},
            {"sspr.reset.rule.specialChars", "en", "2", "At least 2 special characters"},
            {"sspr.duration.seconds", "en", "1", "1 second"},
            {"sspr.duration.seconds", "en", "30", "30 seconds"},
            {"sspr.duration.minutes", "en", "1", "1 minute"},
            {"sspr.duration.hours", "en", "1", "1 hour"},
            {"sspr.duration.hours", "en", "24", "24 hours"},
            {"sspr.duration.days", "en", "7", "7 days"},
            {"sspr.duration.minutes", "de", "1", "1 Minute"},
            {"sspr.duration.minutes", "de", "15", "15 Minuten"},
            {"sspr.duration.hours", "de", "24", "24 Stunden"},
            {"sspr.duration.days", "de", "1", "1 Tag"},
            {"sspr.duration.hours", "fr", "1", "1\u00a0heure"},
            {"sspr.duration.hours", "fr", "24", "24\u00a0heures"},
            {"sspr.duration.days", "es", "1", "1 día"},
            {"sspr.duration.days", "es", "2", "2 días"},
            {"sspr.duration.minutes", "pt_BR", "1", "1 minuto"},
            {"sspr.duration.minutes", "pt_BR", "5", "5 minutos"},
            {"sspr.duration.hours", "ja", "24", "24 時間"},
        };
        Path dir = root.resolve("providers/src/main/resources/theme-resources/messages");
        List<String> problems = new ArrayList<>();
        for (String[] c : cases) {
            String pattern = load(dir.resolve("messages_" + c[1] + ".properties"), problems)
                    .get(c[0]);
            if (pattern == null) {
                problems.add(c[1] + ": " + c[0] + " is missing");
                continue;
            }
            Locale locale = Locale.forLanguageTag(c[1].replace('_', '-'));
            String text = new MessageFormat(pattern, locale).format(new Object[] {Long.parseLong(c[2])});
            if (!text.contains(c[3])) {
                problems.add(
                        c[1] + ": " + c[0] + " with " + c[2] + " reads \"" + text + "\", expected \"" + c[3] + "\"");
            }
        }
        // Every duration and every counted message has a singular that is not just the plural with another number.
        for (String locale : List.of("en", "de", "fr", "es", "pt_BR")) {
            Map<String, String> bundle = load(dir.resolve("messages_" + locale + ".properties"), problems);
            for (String key : List.of(
                    "sspr.duration.seconds",
                    "sspr.duration.minutes",
                    "sspr.duration.hours",
                    "sspr.duration.days",
                    "sspr.reset.error.codeWrong")) {
                MessageFormat format =
                        new MessageFormat(bundle.get(key), Locale.forLanguageTag(locale.replace('_', '-')));
                String one = format.format(new Object[] {1L});
                String two = format.format(new Object[] {2L});
                if (one.replace("1", "2").equals(two)) {
                    problems.add(locale + ": " + key + " says \"" + one + "\" and \"" + two + "\": no singular");
                }
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void templatesPassNoArgumentToAPluralOrNumberPattern() throws IOException {
        // FreeMarker hands msg() its own number type (SimpleNumber), which MessageFormat refuses for {0,choice} and
        // {0,number}: the page would fail in every language. Such texts are worded in Java and passed as text.
        Map<String, String> english = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path dir : bundleDirs) {
            english.putAll(load(dir.resolve("messages_en.properties"), problems));
        }
        List<Path> templates;
        try (Stream<Path> files = walk(root)) {
            templates = files.filter(p -> p.toString().replace('\\', '/').contains("/src/main/"))
                    .filter(p -> p.toString().endsWith(".ftl"))
                    .toList();
        }
        for (Path template : templates) {
            Matcher m = FTL_KEY.matcher(Files.readString(template, StandardCharsets.UTF_8));
            while (m.find()) {
                String pattern = english.get(m.group(1));
                if (m.group(2).equals(",")
                        && pattern != null
                        && !formats(pattern).isEmpty()) {
                    problems.add(rel(template) + " passes a template value to " + m.group(1) + ", which formats "
                            + formats(pattern) + ": word it in Java");
                }
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void noMessageIsABareWord() {
        // "Ready." tells a person nothing: say what happened and what to do next.
        Pattern bare = Pattern.compile("\\p{L}+[.!]");
        List<String> problems = new ArrayList<>();
        for (Path dir : bundleDirs) {
            load(dir.resolve("messages_en.properties"), problems).forEach((key, value) -> {
                if (bare.matcher(value.strip()).matches()) {
                    problems.add(rel(dir) + ": " + key + " is a bare word: " + value);
                }
            });
        }
        assertNoProblems(problems);
    }

    @Test
    void everyAuthenticatorHasANameAndHelpOnKeycloaksSelectionPage() throws IOException {
        // Keycloak's "select login method" page shows msg("<authenticator id>-display-name") and "-help-text".
        Pattern factory = Pattern.compile(
                "class \\w+\\s+(?:extends ResetAuthenticatorFactory|implements [^{]*\\bAuthenticatorFactory\\b)");
        Pattern id = Pattern.compile("String ID = \"([^\"]+)\"");
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = walk(root)) {
            for (Path source : files.filter(p -> p.toString().endsWith("Factory.java"))
                    .filter(p -> p.toString().replace('\\', '/').contains("/src/main/"))
                    .toList()) {
                String text = Files.readString(source, StandardCharsets.UTF_8);
                Matcher m = id.matcher(text);
                if (factory.matcher(text).find() && m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        assertTrue(ids.contains("sspr-reset-gates"), "authenticators found: " + ids);
        List<String> problems = new ArrayList<>();
        Map<String, String> english = load(
                root.resolve("providers/src/main/resources/theme-resources/messages/messages_en.properties"), problems);
        for (String authenticator : ids) {
            for (String suffix : List.of("-display-name", "-help-text")) {
                if (!english.containsKey(authenticator + suffix)) {
                    problems.add("no message " + authenticator + suffix);
                }
            }
        }
        assertNoProblems(problems);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The {@code {n}} argument indexes a pattern uses, quoted text ({@code 'x'}) and escaped quotes aside. */
    static Set<Integer> arguments(String pattern) {
        String unquoted = pattern.replace("''", "").replaceAll("'[^']*'", "");
        Set<Integer> indexes = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(unquoted);
        while (m.find()) {
            indexes.add(Integer.parseInt(m.group(1)));
        }
        return indexes;
    }

    /** The typed arguments ({@code 0,choice}, {@code 1,number}) a pattern uses. */
    static Set<String> formats(String pattern) {
        String unquoted = pattern.replace("''", "").replaceAll("'[^']*'", "");
        Set<String> typed = new TreeSet<>();
        Matcher m = TYPED_ARGUMENT.matcher(unquoted);
        while (m.find()) {
            typed.add(m.group(1) + "," + m.group(2));
        }
        return typed;
    }

    /** Loads a bundle as Keycloak does (UTF-8), reporting bytes that are not UTF-8 and keys defined twice. */
    private static Map<String, String> load(Path file, List<String> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            problems.add(rel(file) + " is not valid UTF-8");
            return Map.of();
        }
        if (text.startsWith("\uFEFF")) {
            problems.add(rel(file) + " starts with a byte-order mark; the first key would not match");
        }
        Set<String> duplicates = new LinkedHashSet<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (containsKey(key)) {
                    duplicates.add(key.toString());
                }
                return super.put(key, value);
            }
        };
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(rel(file) + " cannot be read: " + e.getMessage());
        }
        duplicates.forEach(key -> problems.add(rel(file) + ": key " + key + " is defined twice"));
        Map<String, String> messages = new TreeMap<>();
        properties.forEach((k, v) -> messages.put(k.toString(), v.toString()));
        return messages;
    }

    /** A flat JSON object of strings, read strictly as UTF-8; enough for a message bundle, not a general parser. */
    static Map<String, String> loadJson(Path file, List<String> problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            problems.add(rel(file) + " is not valid UTF-8");
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> messages = new TreeMap<>();
        int[] at = {0};
        try {
            expect(text, at, '{');
            skipSpace(text, at);
            if (text.charAt(at[0]) == '}') {
                return messages;
            }
            while (true) {
                String key = jsonString(text, at);
                expect(text, at, ':');
                String value = jsonString(text, at);
                if (messages.put(key, value) != null) {
                    problems.add(rel(file) + ": key " + key + " is defined twice");
                }
                skipSpace(text, at);
                char next = text.charAt(at[0]++);
                if (next == '}') {
                    return messages;
                }
                if (next != ',') {
                    throw new IllegalArgumentException("',' or '}' expected at " + (at[0] - 1));
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            problems.add(rel(file) + " is not a flat JSON object of strings: " + e.getMessage());
            return messages;
        }
    }

    private static void skipSpace(String text, int[] at) {
        while (Character.isWhitespace(text.charAt(at[0]))) {
            at[0]++;
        }
    }

    private static void expect(String text, int[] at, char c) {
        skipSpace(text, at);
        if (text.charAt(at[0]++) != c) {
            throw new IllegalArgumentException("'" + c + "' expected at " + (at[0] - 1));
        }
    }

    private static String jsonString(String text, int[] at) {
        expect(text, at, '"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = text.charAt(at[0]++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = text.charAt(at[0]++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(at[0], at[0] + 4), 16));
                    at[0] += 4;
                }
                default -> out.append(e);
            }
        }
    }

    private static List<Path> bundleFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("messages_[A-Za-z_]+\\.properties"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String localeOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring("messages_".length(), name.length() - ".properties".length());
    }

    private static Stream<Path> walk(Path start) throws IOException {
        return Files.walk(start)
                .filter(p -> root.relativize(p).toString().isEmpty()
                        || Arrays.stream(root.relativize(p)
                                        .toString()
                                        .replace('\\', '/')
                                        .split("/"))
                                .noneMatch(SKIPPED_DIRS::contains))
                .filter(Files::isRegularFile);
    }

    private static Path repositoryRoot() throws IOException {
        // Surefire runs in the module's directory; the repository root is the nearest parent with the parent POM.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom)
                    && Files.readString(pom, StandardCharsets.UTF_8).contains("<artifactId>sspr-parent</artifactId>")
                    && Files.isDirectory(dir.resolve("themes"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "repository root not found above " + Path.of("").toAbsolutePath());
    }

    private static String rel(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static void assertNoProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            fail(problems.size() + " bundle problem(s):\n  " + String.join("\n  ", problems));
        }
    }
}
