package io.github.sspr.bench;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.SsprServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Counting who cannot reset among 10 000 users (bench/insight.md; bench/insight-bench.sh runs it; not part of the
 * suite, asserts nothing): the demo realm plus {@code bench.users} users (a third with a recovery email, a third with a
 * recovery phone, a third with nothing), then the time of the not-ready summary, the first list page, the CSV and the
 * policy impact simulator, and the server's live heap (after a forced GC, sampled each second) while the summary
 * runs. Numbers go to stdout and to {@code target/bench/insight-bench.md}.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class InsightBench {

    private static final Logger LOG = Logger.getLogger(InsightBench.class);

    private static final int USERS = Integer.getInteger("bench.users", 10_000);
    private static final int BATCH = 500;

    @InjectAdminClient
    Keycloak admin;

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final StringBuilder report = new StringBuilder();

    @Test
    void bench() throws Exception {
        line("# Not-ready counting benchmark, %s, %d cores", java.time.Instant.now(), cores());
        long t0 = System.nanoTime();
        seed();
        line("seeded %,d users by partial import in %.1f s", USERS, (System.nanoTime() - t0) / 1e9);
        String base = "/admin/realms/" + realm.getName() + "/sspr";
        ServerHeap heap = ServerHeap.ofKeycloak();

        get(base + "/not-ready/summary"); // warm-up
        line("");
        line("| request | run 1 | run 2 | run 3 | answer |");
        line("|---|---|---|---|---|");
        time("GET not-ready/summary", () -> get(base + "/not-ready/summary"));
        time("GET not-ready?max=50 (first page)", () -> get(base + "/not-ready?max=50"));
        time("GET not-ready/csv", () -> lines(get(base + "/not-ready/csv")));
        time("POST policy/simulate (gatesRequired 2)", () -> brief(post(base + "/policy/simulate?sample=5")));

        double before = heap.liveMb();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Double> live = Collections.synchronizedList(new ArrayList<>());
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                live.add(heap.liveMb());
                try {
                    TimeUnit.SECONDS.sleep(1); // sampling interval, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        for (int i = 0; i < 3; i++) {
            get(base + "/not-ready/summary");
        }
        running.set(false);
        sampler.join();
        double after = heap.liveMb();
        double peak = live.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        line("");
        line(
                "live heap (after a forced full GC) around three summaries in a row: before %.0f MB, highest during"
                        + " %.0f MB (%d samples), after %.0f MB — **growth %.0f MB**",
                before, peak, live.size(), after, peak - before);

        Path out = Path.of("target", "bench", "insight-bench.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        LOG.info("\n\n" + report);
    }

    /** {@link #USERS} users in batches of {@link #BATCH} through the partial import. */
    private void seed() {
        long now = System.currentTimeMillis();
        for (int start = 0; start < USERS; start += BATCH) {
            StringBuilder users = new StringBuilder();
            for (int i = start; i < Math.min(USERS, start + BATCH); i++) {
                if (users.length() > 0) {
                    users.append(',');
                }
                String name = String.format(Locale.ROOT, "bench-%05d", i);
                String credential = "";
                if (i % 3 == 0) {
                    credential = ",\"credentials\":[{\"type\":\"sspr-recovery-email\",\"userLabel\":\"b***@x.test\","
                            + "\"secretData\":\"{\\\"address\\\":\\\"" + name + "@elsewhere.test\\\"}\","
                            + "\"credentialData\":\"{\\\"version\\\":1,\\\"masked\\\":\\\"b***@x.test\\\",\\\"createdAt\\\":"
                            + now + ",\\\"confirmedAt\\\":" + now + "}\",\"createdDate\":" + now + "}]";
                } else if (i % 3 == 1) {
                    String phone = String.format(Locale.ROOT, "+1415555%04d", i % 10_000);
                    credential = ",\"credentials\":[{\"type\":\"sspr-recovery-phone\",\"userLabel\":\"+14*******00\","
                            + "\"secretData\":\"{\\\"e164\\\":\\\"" + phone + "\\\"}\","
                            + "\"credentialData\":\"{\\\"version\\\":1,\\\"masked\\\":\\\"+14*******00\\\",\\\"region\\\":\\\"US\\\","
                            + "\\\"createdAt\\\":" + now + ",\\\"confirmedAt\\\":" + now + "}\",\"createdDate\":" + now
                            + "}]";
                }
                users.append("{\"username\":\"")
                        .append(name)
                        .append("\",\"enabled\":true,\"email\":\"")
                        .append(name)
                        .append("@demo.sspr.test\",\"emailVerified\":true")
                        .append(credential)
                        .append('}');
            }
            String body = "{\"ifResourceExists\":\"SKIP\",\"users\":[" + users + "]}";
            String answer = send(HttpRequest.newBuilder(
                            URI.create(AdminApi.BASE + "/admin/realms/" + realm.getName() + "/partialImport"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (!answer.contains("\"added\":" + Math.min(BATCH, USERS - start))) {
                throw new IllegalStateException("partial import: " + answer);
            }
        }
    }

    private void time(String what, Supplier<String> call) {
        StringBuilder row = new StringBuilder("| " + what + " |");
        String answer = "";
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            answer = call.get();
            row.append(String.format(Locale.ROOT, " %.2f s |", (System.nanoTime() - t0) / 1e9));
        }
        line("%s %s |", row, answer.length() > 160 ? answer.substring(0, 160) + "…" : answer);
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(AdminApi.BASE + path)).GET());
    }

    private String post(String path) {
        return send(HttpRequest.newBuilder(URI.create(AdminApi.BASE + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"gatesRequired\":2}")));
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(
                    request.header(
                                    "Authorization",
                                    "Bearer " + admin.tokenManager().getAccessTokenString())
                            .timeout(Duration.ofMinutes(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String lines(String csv) {
        return csv.split("\r\n").length - 1 + " rows";
    }

    private static String brief(String json) {
        int samples = json.indexOf(",\"samples\"");
        return samples < 0 ? json : json.substring(0, samples) + "}";
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        LOG.info(text);
    }
}
