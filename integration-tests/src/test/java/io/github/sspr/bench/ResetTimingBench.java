package io.github.sspr.bench;

import io.github.sspr.captcha.ProofOfWork;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Does the reset flow's anti-enumeration hold in time? (bench/reset-timing.sh runs it; not part of the suite, asserts
 * nothing.) One Keycloak 26.7.3 with the packaged JAR, the demo realm (its LDAP federation included), and four kinds
 * of username typed into "Reset your password":
 *
 * <ol>
 *   <li>a — a registered user (recovery email);
 *   <li>b — a username nobody has;
 *   <li>c — a disabled user (recovery email registered);
 *   <li>d — a user with no recovery method;
 *   <li>e — a user of the demo directory (LDAP, imported into Keycloak before the run, no recovery method).
 * </ol>
 *
 * <p>With the directory on, a name Keycloak does not hold also costs a directory search; the identify step evens that
 * out (TimingFloor), and the identify table's last column tests it: Mann-Whitney U of each case against a.
 *
 * Each sample is a fresh flow (own cookies) for a fresh username, so the throttle's per-account counters never block
 * and no user is warm in Keycloak's cache from an earlier sample, as for an attacker who tries each name once. Timed:
 * the identify POST (proof-of-work solved before the clock starts) and the "email" choice POST (a code is sent for a,
 * made up for b-d). Each round takes one sample of every case in a shuffled order, so that the machine's other load
 * falls on all four alike. Every response must be the expected page (chooser with an email option, then the code page);
 * one that is not is counted and left out.
 *
 * <p>Numbers go to stdout and to {@code target/bench/reset-timing.md}.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ResetTimingBench {

    private static final Logger LOG = Logger.getLogger(ResetTimingBench.class);

    private static final int SAMPLES = Integer.getInteger("bench.samples", 300);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 40);
    private static final int BLOCKS = Integer.getInteger("bench.blocks", 6);
    /** -Dbench.ldap=off: the demo realm's sspr-ldap federation disabled for the run (lookups stay in Keycloak's DB). */
    /**
     * -Dbench.smtpOff=true: a second phase with the realm's SMTP server pointed at a closed port, so that a real user's
     * background send renders the mail but fails at once (a diagnostic: how much of a difference is the SMTP exchange).
     */
    private static final boolean SMTP_OFF_PHASE = Boolean.getBoolean("bench.smtpOff");

    private static final int PHASE2_WARMUP = 10;

    private static final boolean LDAP = !"off".equals(System.getProperty("bench.ldap", "on"));

    enum Case {
        A_REGISTERED("a. registered user"),
        B_UNKNOWN("b. unknown username"),
        C_DISABLED("c. disabled user"),
        D_UNREGISTERED("d. user without a recovery method"),
        E_DIRECTORY("e. directory user (demo LDAP, imported)");

        final String label;

        Case(String label) {
            this.label = label;
        }
    }

    enum Step {
        IDENTIFY("identify POST"),
        CHOOSE("choose email POST");

        final String label;

        Step(String label) {
            this.label = label;
        }
    }

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    private final StringBuilder report = new StringBuilder();

    @Test
    void bench() throws Exception {
        int rounds = WARMUP + SAMPLES + (SMTP_OFF_PHASE ? PHASE2_WARMUP + SAMPLES : 0);
        line(
                "# Reset timing benchmark, %s, %d cores (shared with other builds; load average at start: %s)",
                java.time.Instant.now(), Runtime.getRuntime().availableProcessors(), loadAverage());
        line(
                "%d warm-up rounds, then %d measured rounds; each round one sample of every case in a shuffled order",
                WARMUP, SAMPLES);

        // Email only, one gate: every decoy then offers "email" too (with SMS allowed, a decoy offers email for about
        // half of the usernames), so every case can take the same two steps.
        Map<String, List<String>> policy = new LinkedHashMap<>();
        policy.put("methods", List.of("email"));
        policy.put("gatesRequired", List.of("1"));
        // Every sample comes from this one loopback address: the per-address identify limit would refuse them.
        policy.put("identifyIpLimit", List.of("10000"));
        if (!LDAP) {
            federation(false);
        }
        line(
                "the demo realm's LDAP federation (sspr-ldap, in-memory directory in the client JVM): %s",
                LDAP ? "on" : "off");
        try (PolicyFixture ignored = PolicyFixture.apply(realm, policy)) {
            long t0 = System.nanoTime();
            Map<Case, List<String>> names = users(rounds);
            line(
                    "created %d users through the admin API (and %d in the directory) in %.0f s",
                    3 * rounds, rounds, (System.nanoTime() - t0) / 1e9);
            int mailsBefore = mail.getReceivedMessages().length;
            line("\n# Phase 1: the demo realm as it is (code emails to GreenMail)");
            measure(names, 0, WARMUP, SAMPLES);
            mailCheck(names, WARMUP + SAMPLES, mailsBefore);
            if (SMTP_OFF_PHASE) {
                RealmRepresentation rep = realm.admin().toRepresentation();
                Map<String, String> smtp = new LinkedHashMap<>(rep.getSmtpServer());
                String port = smtp.get("port");
                smtp.put("port", "1");
                smtpServer(smtp);
                try {
                    line("\n# Phase 2 (diagnostic): realm SMTP pointed at a closed port, sends fail after rendering");
                    measure(names, WARMUP + SAMPLES, PHASE2_WARMUP, SAMPLES);
                } finally {
                    smtp.put("port", port);
                    smtpServer(smtp);
                }
            }
        } finally {
            if (!LDAP) {
                federation(true);
            }
        }
        Path out = Path.of("target", "bench", "reset-timing.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        LOG.info("\n\n" + report);
    }

    private void smtpServer(Map<String, String> smtp) {
        RealmRepresentation change = new RealmRepresentation();
        change.setSmtpServer(smtp);
        realm.admin().update(change);
    }

    private void federation(boolean enabled) {
        String realmId = realm.admin().toRepresentation().getId();
        for (ComponentRepresentation c :
                realm.admin().components().query(realmId, "org.keycloak.storage.UserStorageProvider")) {
            c.getConfig().putSingle("enabled", Boolean.toString(enabled));
            realm.admin().components().component(c.getId()).update(c);
        }
    }

    // ------------------------------------------------------------------------------------------- users

    private Map<Case, List<String>> users(int n) throws Exception {
        Map<Case, List<String>> names = new EnumMap<>(Case.class);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<Case, List<Future<String>>> pending = new EnumMap<>(Case.class);
            for (Case c : List.of(Case.A_REGISTERED, Case.C_DISABLED, Case.D_UNREGISTERED, Case.E_DIRECTORY)) {
                List<Future<String>> futures = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    futures.add(pool.submit(() -> create(c)));
                }
                pending.put(c, futures);
            }
            for (Map.Entry<Case, List<Future<String>>> e : pending.entrySet()) {
                List<String> list = new ArrayList<>();
                for (Future<String> f : e.getValue()) {
                    list.add(f.get());
                }
                names.put(e.getKey(), list);
            }
        } finally {
            pool.shutdown();
        }
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Shaped like the created names (prefix, dash, 8 hex digits), so the lookups differ in nothing but the hit.
            unknown.add("tbb-" + UUID.randomUUID().toString().substring(0, 8));
        }
        names.put(Case.B_UNKNOWN, unknown);
        return names;
    }

    private String create(Case c) {
        return switch (c) {
            case A_REGISTERED ->
                ResetUsers.create(realm.admin(), "tba", true, null).username();
            case D_UNREGISTERED ->
                ResetUsers.create(realm.admin(), "tbd", false, null).username();
            case C_DISABLED -> {
                ResetUsers.Created user = ResetUsers.create(realm.admin(), "tbc", true, null);
                UserRepresentation change = realm.admin().users().get(user.id()).toRepresentation();
                change.setEnabled(false);
                realm.admin().users().get(user.id()).update(change);
                yield user.username();
            }
            case E_DIRECTORY -> directoryUser();
            case B_UNKNOWN -> throw new IllegalArgumentException("nobody to create");
        };
    }

    /** A new entry in the demo directory, imported into Keycloak the way an admin's search imports it. */
    private String directoryUser() {
        String username = "tbe-" + UUID.randomUUID().toString().substring(0, 8);
        try (com.unboundid.ldap.sdk.LDAPConnection ldap = new com.unboundid.ldap.sdk.LDAPConnection(
                "localhost", DemoDirectory.PORT, DemoDirectory.BIND_DN, DemoDirectory.BIND_PASSWORD)) {
            ldap.add(
                    "uid=" + username + ",ou=people," + DemoDirectory.BASE_DN,
                    new com.unboundid.ldap.sdk.Attribute(
                            "objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                    new com.unboundid.ldap.sdk.Attribute("uid", username),
                    new com.unboundid.ldap.sdk.Attribute("cn", "Bench " + username),
                    new com.unboundid.ldap.sdk.Attribute("sn", "Bench"),
                    new com.unboundid.ldap.sdk.Attribute("mail", username + "@demo.sspr.test"),
                    new com.unboundid.ldap.sdk.Attribute("userPassword", "Bench-Passw0rd!"));
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new IllegalStateException("cannot add " + username + " to the demo directory", e);
        }
        List<UserRepresentation> found = realm.admin().users().search(username, true);
        if (found.size() != 1) {
            throw new IllegalStateException(username + " was not imported from the directory: " + found);
        }
        return username;
    }

    // ------------------------------------------------------------------------------------------- measurement

    private void measure(Map<Case, List<String>> names, int first, int warmup, int samples) {
        int rounds = warmup + samples;
        // times[step][case] = one entry per measured round (NaN when that sample was wrong)
        Map<Step, Map<Case, double[]>> times = new EnumMap<>(Step.class);
        for (Step s : Step.values()) {
            Map<Case, double[]> byCase = new EnumMap<>(Case.class);
            for (Case c : Case.values()) {
                double[] t = new double[samples];
                java.util.Arrays.fill(t, Double.NaN);
                byCase.put(c, t);
            }
            times.put(s, byCase);
        }
        Map<String, Integer> mismatches = new LinkedHashMap<>();
        Map<String, String> firstMismatch = new LinkedHashMap<>();
        Map<String, Integer> hops = new LinkedHashMap<>();
        Random shuffle = new Random(20261126L);
        List<Case> order = new ArrayList<>(List.of(Case.values()));
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            Collections.shuffle(order, shuffle);
            boolean measured = round >= warmup;
            for (Case c : order) {
                String username = names.get(c).get(first + round);
                ResetClient flow = new ResetClient(realm.getName()).openReset();
                if (!"sspr-reset-identify.ftl".equals(flow.template())) {
                    count(mismatches, firstMismatch, c, "open", flow, measured);
                    continue;
                }
                var form = flow.element("sspr-identify-form");
                String challenge = form.attr("data-pow-challenge");
                String bits = form.attr("data-pow-bits");
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("username", username);
                fields.put("sspr-pow", challenge.isEmpty() ? "" : ProofOfWork.solve(challenge, Integer.parseInt(bits)));

                flow.submit("sspr-identify-form", fields);
                double identifyMs = flow.lastRequestNanos() / 1e6;
                if (measured) {
                    hops.merge(c.name() + " identify " + flow.chain().size() + " hop(s)", 1, Integer::sum);
                }
                if (!"sspr-reset-choose.ftl".equals(flow.template())
                        || !flow.options().containsKey("email")
                        || flow.alert().startsWith("Too many")) {
                    count(mismatches, firstMismatch, c, Step.IDENTIFY.name(), flow, measured);
                    continue;
                }
                flow.action("choose", "method", "email");
                double chooseMs = flow.lastRequestNanos() / 1e6;
                if (measured) {
                    hops.merge(c.name() + " choose " + flow.chain().size() + " hop(s)", 1, Integer::sum);
                }
                boolean codePage = "sspr-reset-code.ftl".equals(flow.template())
                        && flow.fieldError("code").isEmpty()
                        && flow.has("sspr-code-form");
                if (measured) {
                    times.get(Step.IDENTIFY).get(c)[round - warmup] = identifyMs;
                    if (codePage) {
                        times.get(Step.CHOOSE).get(c)[round - warmup] = chooseMs;
                    }
                }
                if (!codePage) {
                    count(mismatches, firstMismatch, c, Step.CHOOSE.name(), flow, measured);
                }
            }
            if ((round + 1) % 50 == 0) {
                LOG.infof("round %d of %d (%.0f s)", round + 1, rounds, (System.nanoTime() - started) / 1e9);
            }
        }
        line("measured in %.0f s; load average at the end: %s", (System.nanoTime() - started) / 1e9, loadAverage());

        for (Step s : Step.values()) {
            table(s, times.get(s));
        }

        line("\n## Checks");
        if (mismatches.isEmpty()) {
            line("every response was the expected page (chooser with an email option, then the code page)");
        } else {
            mismatches.forEach((k, v) -> line("- %d wrong page(s) at %s, e.g. %s", v, k, firstMismatch.get(k)));
        }
        hops.forEach((k, v) -> line("- %s: %d", k, v));
    }

    private void count(
            Map<String, Integer> mismatches,
            Map<String, String> first,
            Case c,
            String step,
            ResetClient flow,
            boolean measured) {
        String key = c.label + " / " + step + (measured ? "" : " (warm-up)");
        mismatches.merge(key, 1, Integer::sum);
        first.putIfAbsent(
                key, "template '" + flow.template() + "', alert '" + flow.alert() + "', " + flow.fieldError("code"));
    }

    /** Code mails received: one per flow of case a (warm-up included), none to a user of case c or d. */
    private void mailCheck(Map<Case, List<String>> names, int expected, int before) {
        mail.waitForIncomingEmail(30_000, before + expected);
        MimeMessage[] all = mail.getReceivedMessages();
        Map<String, Integer> byPrefix = new LinkedHashMap<>();
        for (MimeMessage m : all) {
            try {
                Address[] to = m.getAllRecipients();
                String recipient = to == null || to.length == 0 ? "?" : to[0].toString();
                String prefix = recipient.length() >= 3 ? recipient.substring(0, 3) : recipient;
                byPrefix.merge(prefix, 1, Integer::sum);
            } catch (MessagingException e) {
                byPrefix.merge("?", 1, Integer::sum);
            }
        }
        line(
                "- code emails received: %d to registered users (tba-*, %d flows incl. warm-up), %d to disabled users"
                        + " (tbc-*), %d to users without a method (tbd-*)",
                byPrefix.getOrDefault("tba", 0),
                expected,
                byPrefix.getOrDefault("tbc", 0),
                byPrefix.getOrDefault("tbd", 0));
    }

    // ------------------------------------------------------------------------------------------- statistics

    private void table(Step step, Map<Case, double[]> byCase) {
        line("\n## %s (ms, request round trip on loopback)", step.label);
        line("");
        line(
                "| case | n | p50 | p90 | mean | p50 / a | p90 / a | paired diff to a, median | block p50 ratios to a"
                        + " (min / median / max of %d) | Mann-Whitney p vs a |",
                BLOCKS);
        line("|---|---|---|---|---|---|---|---|---|---|");
        double[] a = byCase.get(Case.A_REGISTERED);
        List<Double> aAll = valid(a, 0, a.length);
        for (Case c : Case.values()) {
            double[] x = byCase.get(c);
            List<Double> all = valid(x, 0, x.length);
            if (all.isEmpty()) {
                line("| %s | 0 | | | | | | | | |", c.label);
                continue;
            }
            List<Double> diffs = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (!Double.isNaN(x[i]) && !Double.isNaN(a[i])) {
                    diffs.add(x[i] - a[i]);
                }
            }
            List<Double> blockRatios = new ArrayList<>();
            int size = x.length / BLOCKS;
            for (int b = 0; b < BLOCKS && size > 0; b++) {
                List<Double> xb = valid(x, b * size, (b + 1) * size);
                List<Double> ab = valid(a, b * size, (b + 1) * size);
                if (!xb.isEmpty() && !ab.isEmpty()) {
                    blockRatios.add(pct(xb, 50) / pct(ab, 50));
                }
            }
            Collections.sort(blockRatios);
            line(
                    "| %s | %d | %.1f | %.1f | %.1f | %.3f | %.3f | %+.1f ms (IQR %+.1f … %+.1f) | %s | %s |",
                    c.label,
                    all.size(),
                    pct(all, 50),
                    pct(all, 90),
                    all.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                    pct(all, 50) / pct(aAll, 50),
                    pct(all, 90) / pct(aAll, 90),
                    diffs.isEmpty() ? Double.NaN : pct(diffs, 50),
                    diffs.isEmpty() ? Double.NaN : pct(diffs, 25),
                    diffs.isEmpty() ? Double.NaN : pct(diffs, 75),
                    blockRatios.isEmpty()
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "%.3f / %.3f / %.3f",
                                    blockRatios.get(0),
                                    blockRatios.get(blockRatios.size() / 2),
                                    blockRatios.get(blockRatios.size() - 1)),
                    c == Case.A_REGISTERED ? "" : String.format(Locale.ROOT, "%.3g", mannWhitneyP(all, aAll)));
        }
    }

    /**
     * Two-sided p-value of the Mann-Whitney U test (normal approximation with tie correction): how likely samples this
     * far apart are when both come from one distribution.
     */
    static double mannWhitneyP(List<Double> x, List<Double> y) {
        int n1 = x.size();
        int n2 = y.size();
        List<double[]> all = new ArrayList<>();
        x.forEach(v -> all.add(new double[] {v, 0}));
        y.forEach(v -> all.add(new double[] {v, 1}));
        all.sort((p, q) -> Double.compare(p[0], q[0]));
        double rankSumX = 0;
        double tieTerm = 0;
        for (int i = 0; i < all.size(); ) {
            int j = i;
            while (j < all.size() && all.get(j)[0] == all.get(i)[0]) {
                j++;
            }
            double rank = (i + j + 1) / 2.0; // ranks i+1 .. j, averaged
            for (int k = i; k < j; k++) {
                if (all.get(k)[1] == 0) {
                    rankSumX += rank;
                }
            }
            double t = j - i;
            tieTerm += t * t * t - t;
            i = j;
        }
        double u = rankSumX - n1 * (n1 + 1) / 2.0;
        double n = n1 + n2;
        double sigma = Math.sqrt(n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / (n * (n - 1))));
        double z = Math.abs(u - n1 * (double) n2 / 2.0) / sigma;
        return 2 * (1 - normalCdf(z));
    }

    /** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf approximation, error below 1.5e-7). */
    private static double normalCdf(double z) {
        double t = 1 / (1 + 0.3275911 * z / Math.sqrt(2));
        double erf = 1
                - t
                        * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                        * Math.exp(-z * z / 2);
        return 0.5 * (1 + erf);
    }

    private static List<Double> valid(double[] values, int from, int to) {
        List<Double> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                list.add(values[i]);
            }
        }
        return list;
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        LOG.info(text);
    }
}
