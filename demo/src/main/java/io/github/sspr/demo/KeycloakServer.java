package io.github.sspr.demo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keycloak in development mode, started from a fresh copy of the distribution with the drop-in JAR and the demo realm.
 * Its output goes to the console (with a prefix) and to {@code .demo/keycloak.log}.
 */
final class KeycloakServer implements AutoCloseable {

    static final int HTTP_PORT = 8080;
    /** Keycloak's management interface (health, metrics); its default port, checked so that start-up cannot fail. */
    static final int MANAGEMENT_PORT = 9000;

    static final String ADMIN_USERNAME = "admin";
    static final String ADMIN_PASSWORD = "admin";

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final DemoLayout layout;
    private final Console console;
    private Process process;
    private Thread pump;

    KeycloakServer(DemoLayout layout, Console console) {
        this.layout = layout;
        this.console = console;
    }

    /**
     * A clean Keycloak home: the unpacked distribution copied anew (so no database, build state or provider of an
     * earlier run survives), then only the drop-in JAR in {@code providers/} and the demo realm in {@code data/import/}.
     */
    void prepareHome() throws IOException {
        Path home = layout.keycloakHome();
        DemoFiles.deleteTree(home);
        DemoFiles.copyTree(layout.keycloakDist(), home);
        Path providers = Files.createDirectories(home.resolve("providers"));
        Files.copy(
                layout.providerJar(),
                providers.resolve(layout.providerJar().getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(
                layout.realmExport(),
                imports.resolve(layout.realmExport().getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * {@code kc.sh start-dev} with the realm import, metrics and health on the management port, and the dev SMS/voice
     * sink writing to the outbox.
     */
    static List<String> command(Path home, Path outbox) {
        return List.of(
                // Through bash: an unpacked zip does not always keep kc.sh's executable bit.
                "bash",
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--import-realm",
                // Only for the admin console's "Password reset policy" page (a ui-page component, which Keycloak 26.7
                // loads only with its experimental declarative-ui feature). The realm import and the policy's REST
                // API work without it.
                "--features=declarative-ui",
                // SSPR's sspr_* meters and Keycloak's health checks on http://localhost:9000/metrics and /health.
                "--metrics-enabled=true",
                "--health-enabled=true",
                "--http-port=" + HTTP_PORT,
                "--spi-sspr-sms-sender--dev--enabled=true",
                "--spi-sspr-sms-sender--provider=dev",
                "--spi-sspr-sms-sender--dev--outbox=" + outbox.toAbsolutePath());
    }

    /**
     * The environment for kc.sh: the caller's, less its {@code KC_*} and {@code QUARKUS_*} settings (a variable left
     * over in someone's shell, a database URL say, would make the demo start differently from the one documented),
     * plus the bootstrap admin and the JVM the launcher runs on.
     */
    static Map<String, String> environment(Map<String, String> inherited, String javaHome) {
        Map<String, String> env = new HashMap<>();
        inherited.forEach((name, value) -> {
            if (!name.startsWith("KC_") && !name.startsWith("QUARKUS_")) {
                env.put(name, value);
            }
        });
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("JAVA_HOME", javaHome);
        return env;
    }

    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(layout.keycloakHome(), layout.outbox()))
                .directory(layout.keycloakHome().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        Map<String, String> wanted = environment(Map.copyOf(env), System.getProperty("java.home"));
        env.clear();
        env.putAll(wanted);
        process = builder.start();
        // Keycloak reads nothing from us; closing its stdin keeps it from waiting on the terminal.
        process.getOutputStream().close();
        BufferedWriter log = Files.newBufferedWriter(layout.keycloakLog(), StandardCharsets.UTF_8);
        pump = new Thread(() -> pumpOutput(log), "keycloak-output");
        pump.setDaemon(true);
        pump.start();
    }

    private void pumpOutput(BufferedWriter log) {
        try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                log) {
            String line;
            while ((line = lines.readLine()) != null) {
                console.keycloak(line);
                log.write(line);
                log.newLine();
                log.flush();
            }
        } catch (IOException e) {
            // The stream closes when Keycloak exits; nothing more to copy.
        }
    }

    /** Waits until the demo realm answers, or fails when Keycloak exits first or takes longer than {@code limit}. */
    void awaitReady(URI realmUrl, Duration limit) throws DemoException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(realmUrl)
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new DemoException("Keycloak stopped during start-up (exit code " + process.exitValue()
                        + "). Its output is above and in " + layout.root().relativize(layout.keycloakLog()) + ".");
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(1000);
        }
        throw new DemoException("Keycloak did not answer on " + realmUrl + " within " + limit.toSeconds() + " s.");
    }

    /** Blocks until Keycloak exits; returns its exit code. */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Stops kc.sh and every process under it (the JVM it runs, and the one it relaunches after a re-build): SIGTERM
     * first so that Keycloak shuts down cleanly, SIGKILL for whatever is left after {@link #STOP_GRACE}.
     */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        // Take the tree before signalling: once kc.sh is gone its children can no longer be found through it.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                console.demo("Keycloak process " + handle.pid() + " did not stop in time; killing it.");
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
            } catch (ExecutionException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tree.forEach(ProcessHandle::destroyForcibly);
                break;
            }
        }
        if (pump != null) {
            try {
                // Let the last lines of Keycloak's shutdown reach the console before the launcher says it is done.
                pump.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
