package io.github.sspr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of the Keycloak server the test framework started, for the benchmarks that show what a request holds in
 * memory (bench/insight.md, bench/activity.md): its JVM (a descendant of this one), the heap in use from Keycloak's own
 * metrics endpoint, and the live heap after a full GC forced through {@code jcmd}.
 */
final class ServerHeap {

    private static final Pattern HEAP =
            Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\}\\s+([0-9.Ee+-]+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final long pid;

    private ServerHeap(long pid) {
        this.pid = pid;
    }

    /** The Keycloak server JVM the framework started. */
    static ServerHeap ofKeycloak() {
        return new ServerHeap(ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("quarkus"))
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Keycloak's JVM not found"))
                .pid());
    }

    /** The live heap in MB: a full GC first (jcmd GC.run), then the heap in use. */
    double liveMb() {
        try {
            Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run")
                    .redirectErrorStream(true)
                    .start();
            try (InputStream out = gc.getInputStream()) {
                out.readAllBytes();
            }
            gc.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
        return usedMb();
    }

    /** The heap in use in MB, as Keycloak's metrics endpoint reports it (the sum of the heap pools). */
    double usedMb() {
        try {
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:9000/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher m = HEAP.matcher(metrics);
            double sum = 0;
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
            return sum / (1024 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
