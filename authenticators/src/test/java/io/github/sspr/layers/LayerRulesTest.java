package io.github.sspr.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers of docs/architecture.md ("Layers") by scanning the import lines of every main source of the
 * providers and authenticators modules:
 *
 * <ul>
 *   <li>{@code MODEL}: pure rules and values; imports no {@code org.keycloak} and no other layer;
 *   <li>{@code CAPABILITY}: one Keycloak SPI or store each; never imports a service or a face;
 *   <li>{@code SERVICE}: combines capabilities (the policy-for-user rule, the code pipeline); never imports a face;
 *   <li>{@code FACE}: REST resources and login flows; never imports another face (except the admin root resource, which
 *       mounts the others).
 * </ul>
 *
 * <p>Every package must be given a layer here, so that a new package is placed on purpose. The package graph has no
 * cycles.
 */
class LayerRulesTest {

    enum Layer {
        MODEL,
        CAPABILITY,
        SERVICE,
        FACE,
        ROUTER
    }

    static final String ROOT = "io.github.sspr.";

    /** Package (below io.github.sspr) to its layer. */
    static final Map<String, Layer> LAYERS = layers();

    private static Map<String, Layer> layers() {
        Map<String, Layer> l = new LinkedHashMap<>();
        for (String p : List.of(
                "access.rule",
                "activity.model",
                "captcha",
                "change.machine",
                "config",
                "credentials.email",
                "credentials.kinds",
                "credentials.phone",
                "credentials.questions",
                "delivery.rule",
                "expiry",
                "flow",
                "otp",
                "policy",
                "registration.machine",
                "reset.machine",
                "throttle",
                "wording")) {
            l.put(p, Layer.MODEL);
        }
        for (String p : List.of(
                "activity",
                "activity.store",
                "adminreset.token",
                "branding",
                "config.console",
                "delivery.guard",
                "helpdesk.store",
                "password",
                "credentials",
                "ldap",
                "notify",
                "otp.store",
                "policy.store",
                "sms",
                "sms.dev",
                "sms.twilio",
                "spi",
                "throttle.store")) {
            l.put(p, Layer.CAPABILITY);
        }
        for (String p : List.of("access", "delivery", "expiry.remind")) {
            l.put(p, Layer.SERVICE);
        }
        for (String p : List.of(
                "activity.admin",
                "activity.dashboard",
                "adminreset",
                "change",
                "helpdesk",
                "ldap.admin",
                "notify.page",
                "policy.admin",
                "registration",
                "reset",
                "sms.admin",
                "throttle.admin")) {
            l.put(p, Layer.FACE);
        }
        l.put("admin", Layer.ROUTER);
        return l;
    }

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+?)(?:\\.[A-Z][\\w.*]*)?;", Pattern.MULTILINE);
    private static final Pattern SAME_ROOT_REFERENCE =
            Pattern.compile("\\bio\\.github\\.sspr\\.([a-z][\\w]*(?:\\.[a-z][\\w]*)*)\\.[A-Z]");

    record Source(Path file, String pkg, Set<String> imports) {}

    static List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("../providers/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> sources.add(read(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    private static Source read(Path file) {
        try {
            String text = Files.readString(file);
            Matcher p = PACKAGE.matcher(text);
            if (!p.find()) {
                throw new AssertionError(file + " has no package");
            }
            Set<String> imports = new TreeSet<>();
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                imports.add(m.group(1));
            }
            String code = text.replaceAll("(?s)/\\*.*?\\*/", "")
                    .replaceAll("(?m)//.*$", "")
                    .replaceAll("(?m)^(package|import) .*$", "");
            Matcher q = SAME_ROOT_REFERENCE.matcher(code);
            while (q.find()) {
                imports.add(ROOT + q.group(1)); // a fully qualified name in the code counts as an import
            }
            return new Source(file, p.group(1), imports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String local(String pkg) {
        return pkg.startsWith(ROOT) ? pkg.substring(ROOT.length()) : null;
    }

    /** The violations of the rules, one line each (empty when the layers hold). */
    static List<String> violations(List<Source> sources, Map<String, Layer> layers) {
        List<String> found = new ArrayList<>();
        for (Source source : sources) {
            String from = local(source.pkg());
            Layer fromLayer = layers.get(from);
            if (fromLayer == null) {
                found.add(source.file() + ": package " + from + " has no layer in LayerRulesTest");
                continue;
            }
            for (String imported : source.imports()) {
                if (imported.startsWith("org.keycloak") && fromLayer == Layer.MODEL) {
                    found.add(source.file() + ": model imports " + imported);
                    continue;
                }
                String to = local(imported);
                if (to == null || to.equals(from)) {
                    continue;
                }
                Layer toLayer = layers.get(to);
                if (toLayer == null) {
                    found.add(source.file() + ": imports " + to + ", which has no layer");
                } else if (!allowed(fromLayer, toLayer)) {
                    found.add(source.file() + ": " + fromLayer + " " + from + " imports " + toLayer + " " + to);
                }
            }
        }
        return found;
    }

    static boolean allowed(Layer from, Layer to) {
        return switch (from) {
            case MODEL -> to == Layer.MODEL;
            case CAPABILITY -> to == Layer.MODEL || to == Layer.CAPABILITY;
            case SERVICE -> to != Layer.FACE && to != Layer.ROUTER;
            case FACE -> to != Layer.FACE && to != Layer.ROUTER;
            case ROUTER -> true;
        };
    }

    /** Package cycles, as "a -> b -> a" (empty when the package graph is acyclic). */
    static List<String> cycles(List<Source> sources) {
        Map<String, Set<String>> edges = new HashMap<>();
        for (Source source : sources) {
            String from = local(source.pkg());
            for (String imported : source.imports()) {
                String to = local(imported);
                if (to != null && !to.equals(from)) {
                    edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        }
        List<String> cycles = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String start : new TreeSet<>(edges.keySet())) {
            walk(start, new ArrayList<>(), edges, done, cycles);
        }
        return cycles;
    }

    private static void walk(
            String node, List<String> path, Map<String, Set<String>> edges, Set<String> done, List<String> cycles) {
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(node);
            cycles.add(String.join(" -> ", cycle));
            return;
        }
        if (done.contains(node)) {
            return;
        }
        path.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            walk(next, path, edges, done, cycles);
        }
        path.remove(path.size() - 1);
        done.add(node);
    }

    @Test
    void importsPointDownTheLayers() {
        List<String> violations = violations(sources(), LAYERS);
        if (!violations.isEmpty()) {
            fail(violations.size() + " layer violation(s) (docs/architecture.md, \"Layers\"):\n  "
                    + String.join("\n  ", violations));
        }
    }

    @Test
    void thePackageGraphHasNoCycles() {
        assertEquals(List.of(), cycles(sources()));
    }

    /** docs/architecture.md's table of layers says what this test enforces, package for package. */
    @Test
    void theMapIsTheTest() throws IOException {
        String doc = Files.readString(Path.of("../docs/architecture.md"));
        Map<String, Layer> documented = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| (model|capability|service|face|router) \\|[^|]*\\| (.*) \\|$")
                .matcher(doc);
        while (row.find()) {
            Matcher name = Pattern.compile("`([a-z.]+)`").matcher(row.group(2));
            while (name.find()) {
                documented.put(name.group(1), Layer.valueOf(row.group(1).toUpperCase(java.util.Locale.ROOT)));
            }
        }
        assertEquals(new java.util.TreeMap<>(LAYERS), new java.util.TreeMap<>(documented));
    }

    @Test
    void theRuleCatchesACapabilityThatImportsAFace() {
        Source capability =
                new Source(Path.of("Example.java"), ROOT + "notify", Set.of(ROOT + "reset", "org.keycloak.models"));
        Source model = new Source(Path.of("Model.java"), ROOT + "policy", Set.of("org.keycloak.models"));
        List<String> violations = violations(List.of(capability, model), LAYERS);
        assertEquals(2, violations.size(), String.join("\n", violations));
        assertEquals(
                List.of("notify -> reset -> notify"),
                cycles(List.of(capability, new Source(Path.of("B.java"), ROOT + "reset", Set.of(ROOT + "notify")))));
    }
}
