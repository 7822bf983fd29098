package io.github.sspr.bench;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Artifacts;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentExportRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;
import org.keycloak.util.JsonSerialization;

/**
 * SSPR's reset against Keycloak's own (bench/reset-vs-builtin.sh runs it; not part of the suite, asserts nothing).
 *
 * <p>One Keycloak 26.7.3 with the packaged JAR and a counting argon2 ({@code bench/hash-counter}), four realms made
 * from the demo realm (same theme, password policy with {@code passwordHistory(3)}, hash algorithm, SMTP sink, event
 * listeners; no directory): one with Keycloak's own reset-credentials flow and required actions, three with SSPR's flow
 * under three policies — one gate (email), two gates with security questions, two gates with SMS (dev sender). Every
 * user has a history of three passwords, so a reset verifies the new password against three stored ones.
 *
 * <p>Each round runs one reset in every realm, in a shuffled order, each a fresh browser (cookie jar) and a fresh user,
 * as a browser without JavaScript would: from "Forgot password?" to the new password. Timed: every request on the wire
 * (all hops), summed per flow; not timed: the sign-in page before it, the proof-of-work (solved before the identify
 * request), waiting for the mail or text. In the questions realm the gate is also answered wrong once (timed apart,
 * not in the flow), and after the reset the user signs in with the new password (the sign-in POST timed), so the gate
 * compares with one password login in the same round. Reported: per-round ratios to Keycloak's flow (median, IQR, n),
 * password hashes, requests, mails and texts per flow.
 *
 * <p>Numbers go to stdout and {@code target/bench/reset-vs-builtin.md}.
 */
@KeycloakIntegrationTest(config = ResetVsBuiltinBench.ServerConfig.class)
class ResetVsBuiltinBench {

    private static final Logger LOG = Logger.getLogger(ResetVsBuiltinBench.class);

    private static final int SAMPLES = Integer.getInteger("bench.samples", 60);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 8);

    private static final String HASH = "bench-counting-argon2";
    private static final String NEW_PASSWORD = "Brand-New-Passw0rd!";
    private static final List<String> OLD_PASSWORDS = List.of("Second-Passw0rd!", "Third-Passw0rd!");
    private static final Path OUTBOX = Artifacts.dir().resolve("bench-outbox.jsonl");

    /** The benchmark's server: the suite's, plus the counting hash and the dev SMS sender. */
    public static class ServerConfig implements KeycloakServerConfig {
        @Override
        public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
            return new SsprServerConfig()
                    .configure(config)
                    .dependency("io.github.sspr", "sspr-bench-hash-counter")
                    // As in production (kc.sh start): themes and templates cached. The framework starts Keycloak in
                    // dev mode, which re-reads every template and message bundle for every page (both flows alike).
                    .option("spi-theme--cache-themes", "true")
                    .option("spi-theme--cache-templates", "true")
                    .option("spi-sspr-sms-sender--provider", "dev")
                    .spiOption("sspr-sms-sender", "dev", "enabled", "true")
                    .spiOption("sspr-sms-sender", "dev", "outbox", OUTBOX.toString());
        }
    }

    enum Flow {
        KEYCLOAK("bench-keycloak", "Keycloak's own reset (email link)", "kc"),
        EMAIL("bench-sspr-email", "SSPR, 1 gate: email code", "se"),
        QUESTIONS("bench-sspr-questions", "SSPR, 2 gates: questions + email", "sq"),
        SMS("bench-sspr-sms", "SSPR, 2 gates: email + SMS", "ss");

        final String realm;
        final String label;
        final String prefix;

        Flow(String realm, String label, String prefix) {
            this.realm = realm;
            this.label = label;
            this.prefix = prefix;
        }
    }

    /** What one flow cost: time on the wire, requests (hops), hashes; and per step (request): ms and hashes. */
    record Sample(double ms, int requests, long hashes, Map<String, Double> stepMs, Map<String, Long> stepHashes) {}

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    private final HttpClient http = HttpClient.newHttpClient();
    private final StringBuilder report = new StringBuilder();
    private final Map<Flow, List<Sample>> samples = new EnumMap<>(Flow.class);
    private final List<Double> wrongAnswers = new ArrayList<>();
    private final List<Double> rightAnswers = new ArrayList<>();
    private final List<Double> logins = new ArrayList<>();
    /** The same round's sign-in POST with a wrong password (the login page again, as after wrong answers). */
    private final List<Double> wrongLogins = new ArrayList<>();

    private final List<Long> loginHashes = new ArrayList<>();
    private final List<Long> gateHashes = new ArrayList<>();
    private final Map<String, Integer> wrong = new LinkedHashMap<>();
    /** The questions gate of the flow running now: wrong ms, right ms, wrong hashes, right hashes. */
    private double[] pendingGate;
    /** What the hash counter answered when it could not be read (null when it always could). */
    private String counterFailure;

    @Test
    void bench() throws Exception {
        line(
                "# SSPR reset vs Keycloak's own, %s, %d cores (load average at start: %s)",
                Instant.now(), Runtime.getRuntime().availableProcessors(), loadAverage());
        line(
                "%d warm-up rounds, then %d measured rounds; each round one flow per realm, in a shuffled order",
                WARMUP, SAMPLES);
        Files.deleteIfExists(OUTBOX);
        for (Flow flow : Flow.values()) {
            createRealm(flow);
            samples.put(flow, new ArrayList<>());
        }
        try {
            int rounds = WARMUP + SAMPLES;
            Map<Flow, List<ResetUsers.Created>> users = new EnumMap<>(Flow.class);
            long t0 = System.nanoTime();
            for (Flow flow : Flow.values()) {
                List<ResetUsers.Created> list = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    list.add(user(flow, i));
                }
                users.put(flow, list);
            }
            line(
                    "created %d users with a history of 3 passwords in %.0f s",
                    4 * rounds, (System.nanoTime() - t0) / 1e9);
            Set<String> mailsBefore = Mails.seen(mail);
            Random shuffle = new Random(20261206L);
            List<Flow> order = new ArrayList<>(List.of(Flow.values()));
            long started = System.nanoTime();
            for (int round = 0; round < rounds; round++) {
                Collections.shuffle(order, shuffle);
                boolean measured = round >= WARMUP;
                for (Flow flow : order) {
                    ResetUsers.Created user = users.get(flow).get(round);
                    try {
                        Sample sample = run(flow, user, measured);
                        if (measured) {
                            samples.get(flow).add(sample);
                        }
                    } catch (AssertionError | RuntimeException e) {
                        wrong.merge(
                                flow.label + ": "
                                        + e.getClass().getSimpleName() + " "
                                        + String.valueOf(e.getMessage())
                                                .lines()
                                                .findFirst()
                                                .orElse(""),
                                1,
                                Integer::sum);
                        if (measured) {
                            samples.get(flow).add(null);
                        }
                    }
                }
                if ((round + 1) % 10 == 0) {
                    LOG.infof("round %d of %d (%.0f s)", round + 1, rounds, (System.nanoTime() - started) / 1e9);
                }
            }
            line("measured in %.0f s; load average at the end: %s", (System.nanoTime() - started) / 1e9, loadAverage());
            report(rounds, mailsBefore);
        } finally {
            for (Flow flow : Flow.values()) {
                admin.realm(flow.realm).remove();
            }
        }
        Path out = Path.of("target", "bench", "reset-vs-builtin.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        LOG.info("\n\n" + report);
    }

    // ------------------------------------------------------------------------------------------- the flows

    private Sample run(Flow flow, ResetUsers.Created user, boolean measured) {
        long hashesBefore = hashes();
        ResetClient client = new ResetClient(flow.realm).stopAtApp();
        Timer timer = new Timer(client, this::hashes, hashesBefore);
        client.openReset();
        timer.add("open reset");
        if (flow == Flow.KEYCLOAK) {
            keycloak(client, timer, user);
        } else {
            sspr(flow, client, timer, user, measured, hashesBefore);
        }
        // The flow's own requests only (a wrong answer set, timed apart, is not part of it).
        long flowHashes =
                timer.stepHashes.values().stream().mapToLong(Long::longValue).sum();
        if (flow != Flow.KEYCLOAK) {
            // Every SSPR reset is checked by signing in with the new password (Keycloak's flow signs in by itself).
            // In the questions realm this login is also the gate's yardstick: same round, same realm.
            ResetClient login = new ResetClient(flow.realm).stopAtApp().openSignIn();
            double wrongLoginMs = Double.NaN;
            if (flow == Flow.QUESTIONS) {
                // A wrong password first: the yardstick of wrong answers (one hash, the login page again).
                login.submit("kc-form-login", Map.of("username", user.username(), "password", "Not-" + NEW_PASSWORD));
                wrongLoginMs = login.lastRequestNanos() / 1e6;
                check(login.has("kc-form-login"), "the sign-in page again after a wrong password", login);
            }
            long before = hashes();
            login.submit("kc-form-login", Map.of("username", user.username(), "password", NEW_PASSWORD));
            if (!login.reachedApp()) {
                throw new AssertionError(
                        "sign-in with the new password failed: " + login.alert() + "; " + whyNoSignIn(flow, user));
            }
            if (measured && flow == Flow.QUESTIONS) {
                logins.add(login.lastRequestNanos() / 1e6);
                wrongLogins.add(wrongLoginMs);
                loginHashes.add(hashes() - before);
                wrongAnswers.add(pendingGate[0]);
                rightAnswers.add(pendingGate[1]);
                gateHashes.add((long) pendingGate[2]);
                gateHashes.add((long) pendingGate[3]);
            }
        }
        return new Sample(timer.ms(), timer.requests, flowHashes, timer.stepMs, timer.stepHashes);
    }

    private void keycloak(ResetClient client, Timer timer, ResetUsers.Created user) {
        check(client.has("kc-reset-password-form"), "Keycloak's reset page", client);
        Set<String> seen = Mails.seen(mail);
        client.submit("kc-reset-password-form", Map.of("username", user.username()));
        timer.add("username");
        String link = Mails.firstKeycloakLink(Mails.newMailTo(mail, user.email(), seen));
        client.get(link);
        timer.add("email link");
        check(client.has("kc-passwd-update-form"), "Keycloak's update-password page", client);
        client.submit(
                "kc-passwd-update-form",
                Map.of("password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD, "logout-sessions", "on"));
        timer.add("new password");
        check(client.reachedApp(), "signed in after the reset", client);
    }

    private void sspr(
            Flow flow, ResetClient client, Timer timer, ResetUsers.Created user, boolean measured, long hashesBefore) {
        check("sspr-reset-identify.ftl".equals(client.template()), "identify page", client);
        client.identify(user.username(), null); // the proof-of-work is solved before the request is sent
        timer.add("identify");
        check("sspr-reset-choose.ftl".equals(client.template()), "chooser", client);
        if (flow == Flow.QUESTIONS) {
            client.action("choose", "method", "questions");
            timer.add("choose questions");
            check("sspr-reset-questions.ftl".equals(client.template()), "questions page", client);
            // A wrong set first (timed apart, not part of the flow): it costs what a right one costs.
            long before = hashes();
            client.submit("sspr-questions-form", DaveAnswers.form(client, false));
            long wrongHashes = hashes() - before;
            timer.skip(wrongHashes);
            double wrongMs = client.lastRequestNanos() / 1e6;
            check("sspr-reset-questions.ftl".equals(client.template()), "questions again after wrong answers", client);
            before = hashes();
            client.submit("sspr-questions-form", DaveAnswers.form(client, true));
            timer.add("answers");
            long rightHashes = hashes() - before;
            check("sspr-reset-choose.ftl".equals(client.template()), "chooser after the questions", client);
            // Kept once the round's sign-in has worked too, so that every ratio pairs a gate with its own login.
            pendingGate = new double[] {wrongMs, client.lastRequestNanos() / 1e6, wrongHashes, rightHashes};
        }
        passEmail(client, timer, user);
        if (flow == Flow.SMS) {
            check("sspr-reset-choose.ftl".equals(client.template()), "chooser for the second gate", client);
            int texts = outbox(user.phone()).size();
            client.action("choose", "method", "sms");
            timer.add("choose sms");
            check("sspr-reset-code.ftl".equals(client.template()), "SMS code page", client);
            String code = smsCode(user.phone(), texts);
            client.action("verify", "code", code);
            timer.add("sms code");
        }
        check("sspr-reset-password.ftl".equals(client.template()), "new-password page", client);
        client.submit(
                "sspr-password-form",
                Map.of("sspr-action", "set", "password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD));
        timer.add("new password");
        check(client.alert().startsWith("Your password has been changed"), "password changed", client);
    }

    private void passEmail(ResetClient client, Timer timer, ResetUsers.Created user) {
        Set<String> seen = Mails.seen(mail);
        client.action("choose", "method", "email");
        timer.add("choose email");
        check("sspr-reset-code.ftl".equals(client.template()), "email code page", client);
        String code = Mails.codeTo(mail, user.recoveryEmail(), seen, 8);
        client.action("verify", "code", code);
        timer.add("email code");
    }

    /** What the server holds about a user whose sign-in failed: password credentials, brute-force state, events. */
    private String whyNoSignIn(Flow flow, ResetUsers.Created user) {
        RealmResource realm = admin.realm(flow.realm);
        StringBuilder why = new StringBuilder();
        try {
            for (CredentialRepresentation c : realm.users().get(user.id()).credentials()) {
                why.append(c.getType())
                        .append(" created ")
                        .append(c.getCreatedDate())
                        .append(' ')
                        .append(c.getCredentialData())
                        .append("; ");
            }
            why.append("now ").append(System.currentTimeMillis()).append("; brute force ");
            why.append(realm.attackDetection().bruteForceUserStatus(user.id())).append("; events ");
            realm.getEvents(null, null, user.id(), null, null, null, 0, 12)
                    .forEach(e -> why.append(e.getType())
                            .append(e.getError() == null ? "" : "(" + e.getError() + ")")
                            .append(e.getDetails() == null ? "" : e.getDetails().get("sspr_step"))
                            .append(' '));
        } catch (RuntimeException e) {
            why.append("(could not read: ").append(e).append(')');
        }
        return why.toString();
    }

    /** The median of the per-round ratios a/b with its IQR, as a table cell. */
    private static String ratioCell(List<Double> a, List<Double> b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(a.get(i) / b.get(i));
        }
        return String.format(Locale.ROOT, "**%.3f×** (%.3f–%.3f)", pct(ratios, 50), pct(ratios, 25), pct(ratios, 75));
    }

    private static void check(boolean ok, String expected, ResetClient client) {
        if (!ok) {
            throw new AssertionError("expected " + expected + ", got '" + client.template() + "' " + client.title()
                    + " / " + client.alert() + " at " + client.chain());
        }
    }

    /**
     * Sums the wire time and the hops of a flow's requests, and keeps each request's time and password hashes (the
     * counter is read after the request, off the clock).
     */
    private static final class Timer {
        private final ResetClient client;
        private final java.util.function.LongSupplier counter;
        private final Map<String, Double> stepMs = new LinkedHashMap<>();
        private final Map<String, Long> stepHashes = new LinkedHashMap<>();
        private long lastCount;
        private long nanos;
        private int requests;

        Timer(ResetClient client, java.util.function.LongSupplier counter, long countBefore) {
            this.client = client;
            this.counter = counter;
            this.lastCount = countBefore;
        }

        void add(String step) {
            nanos += client.lastRequestNanos();
            requests += client.chain().size();
            stepMs.put(step, client.lastRequestNanos() / 1e6);
            long count = counter.getAsLong();
            stepHashes.put(step, count - lastCount);
            lastCount = count;
        }

        /** Hashes computed between two steps by a request that is not part of the flow. */
        void skip(long hashes) {
            lastCount += hashes;
        }

        double ms() {
            return nanos / 1e6;
        }
    }

    // ------------------------------------------------------------------------------------------- realms and users

    private void createRealm(Flow flow) throws IOException {
        RealmRepresentation rep;
        try (InputStream json = ResetVsBuiltinBench.class.getResourceAsStream("/realm-exports/demo-realm.json")) {
            rep = JsonSerialization.readValue(json, RealmRepresentation.class);
        }
        rep.setId(flow.realm);
        rep.setRealm(flow.realm);
        rep.setUsers(null);
        rep.setPasswordPolicy(rep.getPasswordPolicy() + " and hashAlgorithm(" + HASH + ")");
        // No directory: every user is Keycloak's own, in every realm.
        rep.getComponents().remove("org.keycloak.storage.UserStorageProvider");
        for (ComponentExportRepresentation policy :
                rep.getComponents().get("org.keycloak.services.ui.extend.UiPageProvider")) {
            policy.getConfig().putSingle("requireRegistration", "false");
            switch (flow) {
                case KEYCLOAK, EMAIL -> {
                    policy.getConfig().put("methods", List.of("email"));
                    policy.getConfig().putSingle("gatesRequired", "1");
                }
                case QUESTIONS -> {
                    policy.getConfig().put("methods", List.of("email", "questions"));
                    policy.getConfig().putSingle("gatesRequired", "2");
                }
                case SMS -> {
                    policy.getConfig().put("methods", List.of("email", "sms"));
                    policy.getConfig().putSingle("gatesRequired", "2");
                }
            }
        }
        if (flow == Flow.KEYCLOAK) {
            // Keycloak's default flows (its "reset credentials" bound) and required actions (its own update-password).
            rep.setAuthenticationFlows(null);
            rep.setAuthenticatorConfig(null);
            rep.setResetCredentialsFlow(null);
            rep.setRequiredActions(null);
        }
        admin.realms().create(rep);
    }

    private ResetUsers.Created user(Flow flow, int i) {
        RealmResource realm = admin.realm(flow.realm);
        String phone = flow == Flow.SMS ? String.format(Locale.ROOT, "+1415555%04d", 100 + (i % 100)) : null;
        List<CredentialRepresentation> extra = flow == Flow.QUESTIONS ? List.of(questions()) : List.of();
        ResetUsers.Created user = ResetUsers.create(realm, flow.prefix, true, phone, extra);
        for (String old : OLD_PASSWORDS) {
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setValue(old);
            password.setTemporary(false);
            realm.users().get(user.id()).resetPassword(password);
        }
        return user;
    }

    /** Dave's answers (3 registered, 3 asked), hashed with this realm's counting argon2 (same parameters). */
    private static CredentialRepresentation questions() {
        CredentialRepresentation questions = ResetUsers.davesQuestions();
        questions.setSecretData(questions
                .getSecretData()
                .replace("\\\"algorithm\\\":\\\"argon2\\\"", "\\\"algorithm\\\":\\\"" + HASH + "\\\""));
        if (!questions.getSecretData().contains(HASH)) {
            throw new IllegalStateException("the demo's answers are not argon2 hashes any more");
        }
        return questions;
    }

    // ------------------------------------------------------------------------------------------- counting

    /** Password hashes computed on the server so far (both kinds), or -1 when the counter cannot be read. */
    private long hashes() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(AdminApi.BASE + "/realms/master/bench-hashes"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            @SuppressWarnings("unchecked")
            Map<String, Object> counts =
                    response.statusCode() == 200 ? JsonSerialization.readValue(response.body(), Map.class) : Map.of();
            if (!(counts.get("encodings") instanceof Number e) || !(counts.get("verifications") instanceof Number v)) {
                counterFailure = response.statusCode() + " " + response.body();
                return -1;
            }
            return e.longValue() + v.longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Texts in the dev sender's outbox to {@code phone}, oldest first. */
    private static List<String> outbox(String phone) {
        try {
            if (!Files.exists(OUTBOX)) {
                return List.of();
            }
            List<String> texts = new ArrayList<>();
            for (String line : Files.readAllLines(OUTBOX)) {
                @SuppressWarnings("unchecked")
                Map<String, String> message = JsonSerialization.readValue(line, Map.class);
                if (phone.equals(message.get("to"))) {
                    texts.add(message.get("body"));
                }
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The code in the text after the first {@code before} to {@code phone}, waiting up to 10 s for it. */
    private String smsCode(String phone, int before) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> texts = outbox(phone);
            if (texts.size() > before) {
                Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(texts.get(before));
                if (code.find()) {
                    return code.group(1);
                }
                throw new AssertionError("no code in the text");
            }
            // The send happens a quarter-second after the answer; wait on GreenMail's clock rather than sleep.
            mail.waitForIncomingEmail(50, Integer.MAX_VALUE);
        }
        throw new AssertionError("no text to " + phone + " within 10 s");
    }

    // ------------------------------------------------------------------------------------------- report

    private void report(int rounds, Set<String> mailsBefore) {
        // Notifications go out a moment after each flow; let the last ones arrive before counting.
        mail.waitForIncomingEmail(3_000, Integer.MAX_VALUE);
        Map<String, Integer> mails = new LinkedHashMap<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                if (mailsBefore.contains(message.getMessageID())) {
                    continue;
                }
                String to = message.getAllRecipients()[0].toString();
                mails.merge(to.substring(0, 2), 1, Integer::sum);
            } catch (MessagingException e) {
                mails.merge("?", 1, Integer::sum);
            }
        }
        int texts;
        try {
            texts = Files.exists(OUTBOX) ? Files.readAllLines(OUTBOX).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        line(
                "\n## Flows (ms on the wire per reset; ratio = Keycloak's time / SSPR's time, same round: above 1, SSPR is faster)\n");
        line("| flow | n | p50 ms | throughput vs Keycloak: median of per-round ratios K/S (IQR) | hashes per flow"
                + " | requests per flow | mails per flow | texts per flow |");
        line("|---|---|---|---|---|---|---|---|");
        List<Sample> keycloak = samples.get(Flow.KEYCLOAK);
        for (Flow flow : Flow.values()) {
            List<Sample> mine = samples.get(flow);
            List<Double> ms =
                    mine.stream().filter(s -> s != null).map(Sample::ms).toList();
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < mine.size(); i++) {
                if (mine.get(i) != null && keycloak.get(i) != null) {
                    ratios.add(keycloak.get(i).ms() / mine.get(i).ms());
                }
            }
            line(
                    "| %s | %d | %.1f | %s | %s | %s | %.2f | %.2f |",
                    flow.label,
                    ms.size(),
                    ms.isEmpty() ? Double.NaN : pct(ms, 50),
                    flow == Flow.KEYCLOAK || ratios.isEmpty()
                            ? "1"
                            : String.format(
                                    Locale.ROOT,
                                    "**%.2f×** (%.2f–%.2f)",
                                    pct(ratios, 50),
                                    pct(ratios, 25),
                                    pct(ratios, 75)),
                    distinct(mine.stream()
                            .filter(s -> s != null)
                            .map(s -> (double) s.hashes())
                            .toList()),
                    distinct(mine.stream()
                            .filter(s -> s != null)
                            .map(s -> (double) s.requests())
                            .toList()),
                    mails.getOrDefault(flow.prefix, 0) / (double) rounds,
                    flow == Flow.SMS ? texts / (double) rounds : 0.0);
        }
        line("\n## Per request (where the time and the hashes go: p50 ms on the wire, hashes)\n");
        for (Flow flow : Flow.values()) {
            List<Sample> mine =
                    samples.get(flow).stream().filter(x -> x != null).toList();
            if (mine.isEmpty()) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (String step : mine.get(0).stepMs().keySet()) {
                List<Double> ms = mine.stream()
                        .map(x -> x.stepMs().get(step))
                        .filter(x -> x != null)
                        .toList();
                List<Double> hashes = mine.stream()
                        .map(x -> x.stepHashes().get(step))
                        .filter(x -> x != null)
                        .map(Long::doubleValue)
                        .toList();
                parts.add(String.format(Locale.ROOT, "%s %.1f ms, %s h", step, pct(ms, 50), distinct(hashes)));
            }
            line("- %s: %s", flow.label, String.join(" · ", parts));
        }
        line("\n## Security-questions gate vs one password login (same round, same realm, ms on the wire)\n");
        line("| request | n | p50 ms | p90 ms | median of per-round ratios to the login (IQR) | hashes |");
        line("|---|---|---|---|---|---|");
        line(
                "| sign-in POST, right password | %d | %.1f | %.1f | 1 | %s |",
                logins.size(),
                pct(logins, 50),
                pct(logins, 90),
                distinct(loginHashes.stream().map(Long::doubleValue).toList()));
        line(
                "| sign-in POST, wrong password | %d | %.1f | %.1f | %s | 1 |",
                wrongLogins.size(), pct(wrongLogins, 50), pct(wrongLogins, 90), ratioCell(wrongLogins, logins));
        for (Map.Entry<String, List<Double>> gate :
                Map.of("answers POST, wrong", wrongAnswers, "answers POST, right", rightAnswers).entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .toList()) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(gate.getValue().size(), logins.size()); i++) {
                ratios.add(gate.getValue().get(i) / logins.get(i));
            }
            line(
                    "| %s | %d | %.1f | %.1f | **%.3f×** (%.3f–%.3f) | %s |",
                    gate.getKey(),
                    gate.getValue().size(),
                    pct(gate.getValue(), 50),
                    pct(gate.getValue(), 90),
                    pct(ratios, 50),
                    pct(ratios, 25),
                    pct(ratios, 75),
                    distinct(gateHashes.stream().map(Long::doubleValue).toList()));
        }
        line(
                "\nLike for like (median of per-round ratios, IQR): right answers / right password %s; wrong answers /"
                        + " wrong password %s.",
                ratioCell(rightAnswers, logins), ratioCell(wrongAnswers, wrongLogins));
        line("\n## Checks\n");
        if (wrong.isEmpty()) {
            line("every flow reached its end (Keycloak: signed in with the new password; SSPR: \"Your password has"
                    + " been changed\"), every sign-in with the new password worked");
        } else {
            wrong.forEach((k, v) -> line("- %d× %s", v, k));
        }
        line("- mails to the benchmark's users, all rounds (warm-up included): %s", mails);
        line("- texts in the dev outbox: %d", texts);
        if (counterFailure != null) {
            line("- the hash counter could not be read (hashes shown as negative): %s", counterFailure);
        }
    }

    /** The distinct values of a per-flow count with how often each occurred, e.g. "4" or "4 (58×), 5 (2×)". */
    private static String distinct(List<Double> values) {
        Map<Long, Integer> counts = new java.util.TreeMap<>();
        values.forEach(v -> counts.merge(Math.round(v), 1, Integer::sum));
        if (counts.size() == 1) {
            return String.valueOf(counts.keySet().iterator().next());
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + " (" + v + "×)"));
        return String.join(", ", parts);
    }

    private static double pct(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        LOG.info(text);
    }
}
