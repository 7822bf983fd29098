package io.github.sspr.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where everything is, relative to the repository root (run-demo.sh starts the launcher there). Inputs come from the
 * build and from {@code realm-exports/}; everything a run writes goes under {@code .demo/}.
 *
 * @param keycloakDist the distribution unpacked by the build, never written to
 * @param keycloakHome the copy a run starts Keycloak from, made anew each run
 */
record DemoLayout(
        Path root,
        Path realmExport,
        Path ldif,
        Path providerJar,
        Path keycloakDist,
        Path workDir,
        Path keycloakHome,
        Path outbox,
        Path keycloakLog) {

    static final String PROVIDER_JAR_PREFIX = "keycloak-sspr-";

    /** Checks that the inputs exist and says what to do when one does not. */
    static DemoLayout resolve(Path root, String keycloakDistDir) throws DemoException {
        Path realmExport = root.resolve("realm-exports/demo-realm.json");
        Path ldif = root.resolve("realm-exports/demo-users.ldif");
        if (!Files.isRegularFile(realmExport) || !Files.isRegularFile(ldif)) {
            throw new DemoException("Cannot find realm-exports/demo-realm.json and demo-users.ldif under " + root
                    + ". Start the demo from the repository root with ./run-demo.sh.");
        }
        Path keycloakDist = root.resolve(keycloakDistDir);
        if (!Files.isRegularFile(keycloakDist.resolve("bin/kc.sh"))) {
            throw new DemoException("Cannot find the Keycloak distribution in " + keycloakDist
                    + ". Build first: mvn -B -DskipTests -DskipITs -pl demo -am package (./run-demo.sh does).");
        }
        Path providerJar = selectProviderJar(listJars(root.resolve("dist/target")))
                .orElseThrow(() -> new DemoException("Cannot find dist/target/" + PROVIDER_JAR_PREFIX
                        + "<version>.jar. Build first: mvn -B -DskipTests -DskipITs -pl demo -am package."));
        Path workDir = root.resolve(".demo");
        return new DemoLayout(
                root,
                realmExport,
                ldif,
                providerJar,
                keycloakDist,
                workDir,
                workDir.resolve("keycloak"),
                workDir.resolve("outbox.jsonl"),
                workDir.resolve("keycloak.log"));
    }

    /** Where a run provisions its Active Directory domain (deleted and made anew each run). */
    Path sambaDir() {
        return workDir.resolve("samba");
    }

    private static List<Path> listJars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The drop-in JAR among the files of {@code dist/target}: {@code keycloak-sspr-<version>.jar}, not the shade
     * plugin's {@code original-…} input nor sources or javadoc jars. When several versions lie there, the newest file.
     */
    static Optional<Path> selectProviderJar(List<Path> files) {
        return files.stream().filter(DemoLayout::isProviderJar).max(Comparator.comparingLong(DemoLayout::modified));
    }

    static boolean isProviderJar(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PROVIDER_JAR_PREFIX)
                && name.endsWith(".jar")
                && !name.endsWith("-sources.jar")
                && !name.endsWith("-javadoc.jar")
                && !name.endsWith("-tests.jar");
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
