package io.github.sspr.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the suite keeps what a person may want to look at afterwards: server log, screenshots. */
public final class Artifacts {

    private Artifacts() {}

    public static Path dir() {
        Path dir = Path.of(System.getProperty("sspr.it.artifacts", "target/it-artifacts"))
                .toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public static Path serverLog() {
        return dir().resolve("keycloak.log");
    }

    /** A fresh folder for one test's screenshots (pictures of an earlier run are removed). */
    public static Path screenshots(String testName) {
        Path shots = dir().resolve("screenshots").resolve(testName);
        try {
            if (Files.isDirectory(shots)) {
                try (var old = Files.list(shots)) {
                    for (Path png : old.toList()) {
                        Files.delete(png);
                    }
                }
            }
            Files.createDirectories(shots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return shots;
    }

    /** The packaged drop-in JAR that {@code dist/} built. */
    public static Path distJar() {
        Path jar = Path.of(System.getProperty("sspr.dist.jar", "../dist/target/keycloak-sspr.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Packaged JAR not found at " + jar + ": run `mvn package` first");
        }
        return jar.toAbsolutePath();
    }
}
