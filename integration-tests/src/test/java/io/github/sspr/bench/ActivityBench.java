package io.github.sspr.bench;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.SsprServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The activity benchmark (bench/activity-bench.sh runs it; not part of the suite, asserts nothing): one Keycloak 26.7.3
 * with the packaged JAR on PostgreSQL, the demo realm, and from that one run
 *
 * <ol>
 *   <li>plain-login throughput (password grants, 4 clients) with {@code sspr-activity} on vs off, the listener toggled
 *       through the admin API between alternating batches after a warm-up;
 *   <li>activity-list p95 through the admin REST API with 10 k and with 1 M rows in the realm;
 *   <li>the server's live heap (after a forced GC, sampled every second) while a 1 M-row CSV export streams;
 *   <li>the security-questions gate: time of an answer check (3 answers) vs a password login.
 * </ol>
 *
 * Numbers go to stdout and to {@code target/bench/activity-bench.md}.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ActivityBench {

    private static final Logger LOG = Logger.getLogger(ActivityBench.class);

    private static final String LOGIN_USER = "carol";
    private static final String LOGIN_PASSWORD = "Carol-Passw0rd!";

    private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 6);
    private static final Duration BATCH = Duration.ofSeconds(Integer.getInteger("bench.batchSeconds", 10));
    private static final int QUERY_REPS = Integer.getInteger("bench.queryReps", 200);
    private static final int BIG = Integer.getInteger("bench.rows", 1_000_000);
    private static final int SMALL = 10_000;
    private static final String DB = System.getProperty("kc.test.database.url", "");

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
        if (!DB.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("Run through bench/activity-bench.sh (PostgreSQL), not on H2");
        }
        line(
                "# Activity benchmark, %s, %d cores",
                java.time.Instant.now(), Runtime.getRuntime().availableProcessors());
        // -Dbench.parts=abcd (default): which parts to run; each part's ratio comes from its own measurements.
        String parts = System.getProperty("bench.parts", "abcd");
        if (parts.contains("a")) {
            loginThroughput();
        }
        if (parts.contains("d")) {
            questionsGate();
        }
        if (!parts.contains("b") && !parts.contains("c")) {
            return;
        }
        String realmId = realm.admin().toRepresentation().getId();
        sql("DELETE FROM sspr_activity WHERE realm_id = '" + realmId + "'");
        load(realmId, 0, SMALL);
        Map<String, Double> p95Small = queries("10k");
        load(realmId, SMALL, BIG - SMALL);
        Map<String, Double> p95Big = queries(String.format(Locale.ROOT, "%.0fk", BIG / 1000.0));
        line("");
        line("| query | p95 10 k | p95 %,d | ratio |", BIG);
        line("|---|---|---|---|");
        p95Small.forEach((q, small) ->
                line("| %s | %.1f ms | %.1f ms | %.2f |", q, small, p95Big.get(q), p95Big.get(q) / small));
        if (parts.contains("c")) {
            csvHeap(BIG);
        }
        sql("DELETE FROM sspr_activity WHERE realm_id = '" + realmId + "'");
        Path out = Path.of("target", "bench", "activity-bench.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        LOG.info("\n\n" + report);
    }

    // ------------------------------------------------------------------------------------------- a. logins

    private void loginThroughput() throws Exception {
        line(
                "\n## a. Password-grant throughput, sspr-activity on vs off (%d clients, %d rounds of %d s each way)",
                CLIENTS, ROUNDS, BATCH.toSeconds());
        listener(true);
        double warm = logins(Duration.ofSeconds(20));
        line("warm-up: %.1f logins/s", warm);
        List<Double> ratios = new ArrayList<>();
        double on = 0;
        double off = 0;
        for (int round = 0; round < ROUNDS; round++) {
            // Alternate which side goes first, so a drift in the machine's load falls on both alike.
            boolean onFirst = round % 2 == 0;
            listener(onFirst);
            double first = logins(BATCH);
            listener(!onFirst);
            double second = logins(BATCH);
            double roundOn = onFirst ? first : second;
            double roundOff = onFirst ? second : first;
            on += roundOn;
            off += roundOff;
            ratios.add(roundOn / roundOff);
            line("round %d: on %.1f/s, off %.1f/s, ratio %.3f", round + 1, roundOn, roundOff, roundOn / roundOff);
        }
        listener(true);
        Collections.sort(ratios);
        line(
                "**on/off = %.3f** (per-round ratios: min %.3f, median %.3f, max %.3f); mean on %.1f/s, off %.1f/s",
                on / off,
                ratios.get(0),
                ratios.get(ratios.size() / 2),
                ratios.get(ratios.size() - 1),
                on / ROUNDS,
                off / ROUNDS);
    }

    private void listener(boolean on) {
        RealmRepresentation rep = realm.admin().toRepresentation();
        List<String> listeners = new ArrayList<>(rep.getEventsListeners());
        listeners.remove("sspr-activity");
        if (on) {
            listeners.add("sspr-activity");
        }
        RealmRepresentation change = new RealmRepresentation();
        change.setEventsListeners(listeners);
        realm.admin().update(change);
    }

    private double logins(Duration length) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        for (int i = 0; i < CLIENTS; i++) {
            pool.submit(() -> {
                while (!stop.get()) {
                    if (passwordGrant(LOGIN_USER, LOGIN_PASSWORD) == 200) {
                        done.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        Thread.sleep(length.toMillis());
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            line("(%d failed logins in this batch)", failed.get());
        }
        return done.get() / seconds;
    }

    private int passwordGrant(String username, String password) {
        String form =
                "grant_type=password&client_id=admin-cli&username=" + enc(username) + "&password=" + enc(password);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(AdminApi.BASE + "/realms/" + realm.getName() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------- d. questions

    private void questionsGate() {
        line("\n## d. Security-questions gate vs a password login (sequential, medians)");
        // dave has 3 questions registered (demo realm); questions are never the only gate, so ask for two.
        Map<String, List<String>> policy = new LinkedHashMap<>();
        policy.put("enabled", List.of("all"));
        policy.put("methods", List.of("email", "sms", "voice", "questions"));
        policy.put("gatesRequired", List.of("2"));
        policy.put("questionsToRegister", List.of("3"));
        policy.put("questionsToAnswer", List.of("3"));
        // Every sample comes from this one loopback address: the per-address identify limit would refuse them.
        policy.put("identifyIpLimit", List.of("10000"));
        try (PolicyFixture ignored = PolicyFixture.apply(realm, policy)) {
            List<Double> answers = new ArrayList<>();
            List<Double> logins = new ArrayList<>();
            int samples = Integer.getInteger("bench.questionSamples", 15);
            for (int i = 0; i < samples + 2; i++) {
                ResetClient flow = new ResetClient(realm.getName()).openReset().identify("dave", null);
                flow.action("choose", "method", "questions");
                if (!"sspr-reset-questions.ftl".equals(flow.template())) {
                    throw new IllegalStateException("no questions page: " + flow.body());
                }
                Map<String, String> fields = DaveAnswers.form(flow, true);
                long t0 = System.nanoTime();
                flow.submit("sspr-questions-form", fields);
                double answerMs = (System.nanoTime() - t0) / 1e6;
                if ("sspr-reset-questions.ftl".equals(flow.template())) {
                    throw new IllegalStateException("answers refused: " + flow.body());
                }
                long t1 = System.nanoTime();
                int status = passwordGrant(LOGIN_USER, LOGIN_PASSWORD);
                double loginMs = (System.nanoTime() - t1) / 1e6;
                if (status != 200) {
                    throw new IllegalStateException("login failed: " + status);
                }
                if (i >= 2) { // two warm-up pairs
                    answers.add(answerMs);
                    logins.add(loginMs);
                }
            }
            double a = median(answers);
            double l = median(logins);
            line("answer check (3 right answers, POST → next gate): median %.1f ms, p90 %.1f ms", a, pct(answers, 90));
            line("password login (password grant): median %.1f ms, p90 %.1f ms", l, pct(logins, 90));
            line("**answer check / login = %.2f** (%d pairs)", a / l, answers.size());
        }
    }

    // ------------------------------------------------------------------------------------------- b. queries

    /** When the last load ran and how many rows the realm then held: the time spread of the rows follows from both. */
    private long loadedAt;

    private int loadedTotal;

    private void load(String realmId, int offset, int rows) {
        long now = System.currentTimeMillis();
        loadedAt = now;
        loadedTotal = offset + rows;
        long span = Duration.ofDays(28).toMillis(); // inside the default 30-day retention
        long t0 = System.nanoTime();
        // 20,000 users, four types, five results, four method mixes; times spread evenly over 28 days.
        sql("INSERT INTO sspr_activity (id, realm_id, event_time, event_day, user_id, username, activity_type,"
                + " activity_result, methods, failure_reason, step_reached, ip_address, client_id)"
                + " SELECT md5('bench' || g)::uuid::text, '" + realmId + "', t, (t / 86400000)::int,"
                + " 'bench-user-' || (g % 20000), 'bench' || (g % 20000),"
                + " (ARRAY['self-service-reset','self-service-unlock','admin-reset','registration'])[1 + g % 4],"
                + " (ARRAY['succeeded','failed','abandoned','blocked','cancelled'])[1 + g % 5],"
                + " (ARRAY['email','email,sms','questions,email','sms'])[1 + g % 4],"
                + " CASE WHEN g % 5 = 1 THEN 'invalid_code' END, 'completed', '203.0.113.' || (g % 250),"
                + " 'account-console'"
                + " FROM (SELECT g, " + now + " - (g::bigint * " + span + " / " + BIG + ") AS t"
                + " FROM generate_series(" + (offset + 1) + ", " + (offset + rows) + ") g) s;"
                + " ANALYZE sspr_activity;");
        line("\nloaded %,d rows (realm total %,d) in %.1f s", rows, offset + rows, (System.nanoTime() - t0) / 1e9);
    }

    private Map<String, Double> queries(String label) {
        String base = "/admin/realms/" + realm.getName() + "/sspr/activity";
        // A cursor in the middle of the realm's rows: the keyset page a reader reaches deep in the list. Row g lies
        // g * 28 days / 1 M back, so at 10 k rows the middle is hours back, at 1 M rows 14 days.
        long mid = loadedAt - (long) (loadedTotal / 2) * Duration.ofDays(28).toMillis() / BIG;
        String next;
        try {
            next = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(getJson(base + "?max=1&to=" + mid))
                    .path("next")
                    .asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (next.isEmpty()) {
            throw new IllegalStateException("no cursor in the middle of the rows");
        }
        Map<String, String> list = new LinkedHashMap<>();
        list.put("newest page (max 50)", base + "?max=50");
        list.put("deep keyset page (middle of the rows)", base + "?max=50&after=" + enc(next));
        list.put("by user", base + "?max=50&user=bench42");
        list.put("by type + result", base + "?max=50&type=self-service-reset&result=failed");
        list.put(
                "by type, last 7 days",
                base + "?max=50&type=admin-reset&from="
                        + (System.currentTimeMillis() - Duration.ofDays(7).toMillis()));
        Map<String, Double> p95 = new LinkedHashMap<>();
        line(
                "\n## b. Activity list through the admin REST API, %s rows (%d calls each after 20 warm-up)",
                label, QUERY_REPS);
        for (Map.Entry<String, String> q : list.entrySet()) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < QUERY_REPS + 20; i++) {
                String token = admin.tokenManager().getAccessTokenString();
                long t0 = System.nanoTime();
                int status = get(q.getValue(), token);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (status != 200) {
                    throw new IllegalStateException(q.getKey() + ": " + status);
                }
                if (i >= 20) {
                    times.add(ms);
                }
            }
            p95.put(q.getKey(), pct(times, 95));
            line("%s: median %.1f ms, p95 %.1f ms", q.getKey(), median(times), pct(times, 95));
        }
        List<Double> summary = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            get(
                    base + "/summary?from="
                            + (System.currentTimeMillis() - Duration.ofDays(7).toMillis()),
                    admin.tokenManager().getAccessTokenString());
            summary.add((System.nanoTime() - t0) / 1e6);
        }
        summary.remove(0);
        line("(not a list query) summary, 7 days: median %.0f ms", median(summary));
        return p95;
    }

    // ------------------------------------------------------------------------------------------- c. CSV heap

    private void csvHeap(int rows) throws Exception {
        line("\n## c. CSV export of the realm's %,d rows: server heap", rows);
        ServerHeap heap = ServerHeap.ofKeycloak();
        double baseline = heap.liveMb();
        double peakRaw = heap.usedMb();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Double> live = Collections.synchronizedList(new ArrayList<>());
        List<Double> raw = Collections.synchronizedList(new ArrayList<>());
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                try {
                    raw.add(heap.usedMb());
                    live.add(heap.liveMb());
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // one lost sample
                }
            }
        });
        String token = admin.tokenManager().getAccessTokenString();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(AdminApi.BASE + "/admin/realms/" + realm.getName() + "/sspr/activity.csv?from=0"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(15))
                .build();
        long t0 = System.nanoTime();
        sampler.start();
        long lines = 0;
        long bytes = 0;
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = reader.readLine()) != null) {
                lines++;
                bytes += l.length() + 1;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        sampler.join();
        double after = heap.liveMb();
        double maxLive = live.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double maxRaw = raw.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        line(
                "HTTP %d, %,d lines (header + rows), %.0f MB, %.1f s (%.0f rows/s)",
                response.statusCode(), lines, bytes / 1e6, seconds, (lines - 1) / seconds);
        line(
                "live heap (after a forced full GC): before %.0f MB, highest during %.0f MB (%d samples), after %.0f MB",
                baseline, maxLive, live.size(), after);
        line(
                "**live heap growth during the export: %.0f MB** (heap used without forcing GC: %.0f MB before, peak %.0f MB)",
                maxLive - baseline, peakRaw, maxRaw);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private int get(String path, String token) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(AdminApi.BASE + path))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String getJson(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(AdminApi.BASE + path))
                                    .header(
                                            "Authorization",
                                            "Bearer " + admin.tokenManager().getAccessTokenString())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL in the server's database with psql (the machine's PostgreSQL client). */
    private static void sql(String statements) {
        String url = DB.substring("jdbc:".length());
        String user = System.getProperty("kc.test.database.user", "sspr");
        try {
            ProcessBuilder pb = new ProcessBuilder(
                            "psql",
                            "-v",
                            "ON_ERROR_STOP=1",
                            "-q",
                            "-d",
                            url.replace("postgresql://", "postgresql://" + user + "@"),
                            "-c",
                            statements)
                    .redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", System.getProperty("kc.test.database.password", "sspr"));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("psql failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double median(List<Double> values) {
        return pct(values, 50);
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        LOG.info(text);
    }
}
