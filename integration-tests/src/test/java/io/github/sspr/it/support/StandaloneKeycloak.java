package io.github.sspr.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Keycloak a test starts itself, the way an admin runs a release: an unpacked distribution (the one the build unpacks
 * for the drop-in tests), only our JAR in {@code providers/}, {@code kc.sh build} with the given options, then
 * {@code kc.sh start --optimized}. Own ports (8180/9180), so the suite's server on 8080 may still be running.
 */
public final class StandaloneKeycloak implements AutoCloseable {

    public static final int HTTP_PORT = 8180;
    public static final int MANAGEMENT_PORT = 9180;
    public static final String BASE = "http://localhost:" + HTTP_PORT;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home;
    private final Path buildLog;
    private final Path startLog;
    private Process server;

    private StandaloneKeycloak(Path home, String name) {
        this.home = home;
        this.buildLog = Artifacts.dir().resolve(name + "-build.log");
        this.startLog = Artifacts.dir().resolve(name + "-start.log");
    }

    /** The unpacked distribution of the build ({@code sspr.dropin.keycloak}), as it came out of the zip. */
    public static Path unpacked() {
        Path unpacked = Path.of(System.getProperty("sspr.dropin.keycloak", "target/dropin"));
        try (Stream<Path> entries = Files.list(unpacked)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("keycloak-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No unpacked Keycloak under " + unpacked))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fresh copy of the unpacked distribution under {@code target/standalone/<name>} (an earlier run's copy is
     * replaced), with our JAR in {@code providers/}; its logs are {@code <name>-build.log} and {@code <name>-start.log}
     * among the artifacts.
     */
    public static StandaloneKeycloak freshCopy(String name) {
        Path target = unpacked().getParent().resolveSibling("standalone").resolve(name);
        Path home = target.resolve(unpacked().getFileName());
        try {
            deleteTree(target);
            copyTree(unpacked(), home);
            Files.copy(
                    Artifacts.distJar(),
                    home.resolve("providers").resolve(Artifacts.distJar().getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StandaloneKeycloak(home, name);
    }

    /** {@code kc.sh build} with {@code buildOptions}, then start; returns once the master realm answers. */
    public StandaloneKeycloak buildAndStart(String... buildOptions) throws Exception {
        List<String> build = new ArrayList<>(List.of("build"));
        build.addAll(List.of(buildOptions));
        Process builder = kc(buildLog, build.toArray(String[]::new)).start();
        if (!builder.waitFor(5, TimeUnit.MINUTES)) {
            builder.destroyForcibly();
            throw new AssertionError("kc.sh build did not finish in 5 minutes, see " + buildLog);
        }
        if (builder.exitValue() != 0) {
            throw new AssertionError("kc.sh build failed, see " + buildLog);
        }
        server = kc(
                        startLog,
                        "start",
                        "--optimized",
                        "--http-enabled=true",
                        "--http-port=" + HTTP_PORT,
                        "--http-management-port=" + MANAGEMENT_PORT,
                        "--hostname-strict=false")
                .start();
        waitUntilReady(BASE);
        return this;
    }

    /**
     * {@code kc.sh} with exactly {@code args} (no build step: {@code start-dev} builds itself); returns once
     * {@code base}/realms/master answers. For a server on the suite's own ports ({@link OldestKeycloakServer}).
     */
    StandaloneKeycloak start(String base, List<String> args) throws Exception {
        server = kc(startLog, args.toArray(String[]::new)).start();
        waitUntilReady(base);
        return this;
    }

    /** The distribution folder this server runs from. */
    public Path home() {
        return home;
    }

    public Path buildLog() {
        return buildLog;
    }

    public Path startLog() {
        return startLog;
    }

    /** The log lines that are ERRORs, of the build and of the server so far. */
    public List<String> errorLines() throws IOException {
        List<String> errors = new ArrayList<>();
        for (Path log : List.of(buildLog, startLog)) {
            Files.readAllLines(log).stream().filter(l -> l.contains(" ERROR ")).forEach(errors::add);
        }
        return errors;
    }

    private ProcessBuilder kc(Path log, String... args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(List.of(args));
        home.resolve("bin/kc.sh").toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        return builder;
    }

    /** Polls (bounded, 4 minutes) until the master realm answers: the server is up, or it died and we say why. */
    private void waitUntilReady(String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError(
                        "Keycloak exited with " + server.exitValue() + ": " + Files.readString(startLog));
            }
            try {
                HttpResponse<Void> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/realms/master"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // connection refused while Keycloak boots
            }
            server.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("Keycloak did not answer within 4 minutes, see " + startLog);
    }

    @Override
    public void close() throws InterruptedException {
        if (server == null) {
            return;
        }
        // kc.sh may run Java as its child: stop the whole tree, not only the script.
        List<ProcessHandle> tree = new ArrayList<>(server.descendants().toList());
        tree.add(server.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        }
        server.waitFor(10, TimeUnit.SECONDS);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
