package io.github.sspr.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The demo command (run-demo.sh runs it from the repository root): an LDAP directory, an SMTP sink, the outbox, and
 * Keycloak 26.7.3 with the drop-in JAR and the demo realm, until Ctrl-C. Where Samba is installed and the launcher runs
 * as root, also an Active Directory domain controller, federated into the demo realm once Keycloak is up.
 *
 * <p>Every run starts clean: a fresh copy of Keycloak (so a fresh H2 database and a fresh realm import), the directory
 * reloaded from its LDIF, an empty outbox. What a run leaves under {@code .demo/} stays until the next run starts, so
 * it can be read after Ctrl-C.
 */
public final class DemoLauncher {

    static final int SMTP_PORT = 3025;
    static final int LDAP_PORT = 10389;
    static final String REALM = "demo";

    /** A cold start (re-build of Keycloak for the JAR, realm import) takes about a minute on a small machine. */
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(5);

    private final Console console;
    private final Object lifecycle = new Object();
    private boolean stopping;
    private DemoDirectory directory;
    private MailSink mailSink;
    private OutboxTail tail;
    private DemoActiveDirectory activeDirectory;
    private KeycloakServer keycloak;

    private DemoLauncher(Console console) {
        this.console = console;
    }

    public static void main(String[] args) {
        Console console = new Console(System.out);
        DemoLauncher launcher = new DemoLauncher(console);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "demo-stop"));
        int code;
        try {
            code = launcher.run();
        } catch (DemoException e) {
            console.demo(e.getMessage());
            code = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 130;
        } catch (IOException | LDAPException | RuntimeException e) {
            console.demo("The demo failed: " + e);
            code = 1;
        }
        if (launcher.isStopping()) {
            // Ctrl-C: the shutdown hook is stopping everything; System.exit here would wait for it forever.
            return;
        }
        // Runs the shutdown hook, which stops whatever was started.
        System.exit(code);
    }

    private int run() throws DemoException, IOException, LDAPException, InterruptedException {
        Instant started = Instant.now();
        Properties build = buildProperties();
        DemoLayout layout = DemoLayout.resolve(Path.of("").toAbsolutePath(), build.getProperty("keycloak.dist"));

        List<PortCheck.DemoPort> busy = PortCheck.busy(PortCheck.DEMO_PORTS);
        if (!busy.isEmpty()) {
            throw new DemoException(PortCheck.describe(busy));
        }
        List<DemoAccounts.Account> accounts = new ArrayList<>(DemoAccounts.read(layout.ldif(), layout.realmExport()));
        Optional<String> noActiveDirectory = DemoActiveDirectory.unavailable(
                        System.getenv(DemoActiveDirectory.SWITCH_VARIABLE),
                        Files::isExecutable,
                        DemoActiveDirectory.runningAsRoot())
                .or(DemoActiveDirectory::portsTaken);

        Outbox outbox = new Outbox(layout.outbox());
        outbox.reset();
        String outboxName = layout.root().relativize(layout.outbox()).toString();

        synchronized (lifecycle) {
            if (stopping) {
                return 130;
            }
            directory = DemoDirectory.start(layout.ldif(), LDAP_PORT);
            console.demo("LDAP directory on ldap://localhost:" + directory.port() + " (" + directory.entryCount()
                    + " entries from realm-exports/demo-users.ldif, bind " + DemoDirectory.BIND_DN + ")");

            mailSink = new MailSink(SMTP_PORT, message -> {
                try {
                    outbox.append(message);
                } catch (IOException e) {
                    console.demo("Cannot append to " + outboxName + ": " + e.getMessage());
                }
                console.block(Console.formatMessage(message, outboxName));
            });
            mailSink.start();
            console.demo("SMTP sink on smtp://localhost:" + mailSink.port() + " (every mail is printed here)");

            // Mails are printed as they arrive; from the outbox only what Keycloak's dev sink wrote.
            tail = new OutboxTail(layout.outbox(), message -> {
                if (!OutboxMessage.EMAIL.equals(message.channel())) {
                    console.block(Console.formatMessage(message, outboxName));
                }
            });
            tail.start();
            console.demo("Outbox " + layout.outbox() + " (emptied for this run)");

            if (noActiveDirectory.isPresent()) {
                console.demo("Active Directory part skipped: " + noActiveDirectory.get()
                        + ". Everything else runs as usual.");
            } else {
                activeDirectory = startActiveDirectory(layout);
            }
        }

        keycloak = new KeycloakServer(layout, console);
        console.demo("Preparing a clean Keycloak " + build.getProperty("keycloak.version") + " in "
                + layout.root().relativize(layout.keycloakHome()) + " with "
                + layout.root().relativize(layout.providerJar()));
        keycloak.prepareHome();
        synchronized (lifecycle) {
            if (stopping) {
                return 130;
            }
            keycloak.start();
        }
        console.demo("Starting Keycloak (kc.sh start-dev; the first start re-builds it for the JAR, about a minute)");

        URI realmUrl = URI.create("http://localhost:" + KeycloakServer.HTTP_PORT + "/realms/" + REALM);
        keycloak.awaitReady(realmUrl, STARTUP_LIMIT);
        Optional<String> adLine = Optional.empty();
        if (activeDirectory != null && federateActiveDirectory()) {
            DemoActiveDirectory.USERS.forEach(user -> accounts.add(new DemoAccounts.Account(
                    user.account(),
                    user.password(),
                    "Active Directory",
                    "AD logon " + user.principalName() + ", AD locks it after 3 wrong passwords")));
            adLine = Optional.of(DemoActiveDirectory.ldapsUrl() + "   (Samba, domain " + DemoActiveDirectory.DOMAIN
                    + ", component \"" + DemoActiveDirectory.COMPONENT_NAME + "\";\n                   CA certificate "
                    + layout.root().relativize(activeDirectory.certificate()) + ")");
        }
        showRecoveryFindings();
        console.block(Banner.render(
                REALM, accounts, layout.outbox().toString(), adLine, Duration.between(started, Instant.now())));

        int exit = keycloak.waitFor();
        if (isStopping()) {
            return 0;
        }
        console.demo("Keycloak exited by itself (exit code " + exit + "); stopping the demo.");
        return exit == 0 ? 1 : exit;
    }

    /**
     * Provisions and starts the domain controller. A failure does not stop the demo: it runs without AD, and says so.
     */
    private DemoActiveDirectory startActiveDirectory(DemoLayout layout) throws InterruptedException {
        console.demo("Provisioning a throwaway Active Directory domain " + DemoActiveDirectory.DOMAIN + " (Samba 4) in "
                + layout.root().relativize(layout.sambaDir()) + " ...");
        Instant begun = Instant.now();
        try {
            DemoActiveDirectory ad = DemoActiveDirectory.start(layout.sambaDir());
            console.demo("Active Directory domain controller on " + DemoActiveDirectory.ldapsUrl() + " and ldap://"
                    + DemoActiveDirectory.ADDRESS + ":" + DemoActiveDirectory.LDAP_PORT + " (ready in "
                    + Duration.between(begun, Instant.now()).toMillis() / 100 / 10.0 + " s; users "
                    + String.join(
                            ", ",
                            DemoActiveDirectory.USERS.stream()
                                    .map(DemoActiveDirectory.User::account)
                                    .toList())
                    + " in " + DemoActiveDirectory.PEOPLE_DN + "; its log: "
                    + layout.root().relativize(ad.serverLog()) + ")");
            return ad;
        } catch (DemoException e) {
            console.demo("Active Directory part skipped: " + e.getMessage() + ". Everything else runs as usual.");
            return null;
        } catch (RuntimeException e) {
            // The AD part is optional: an unforeseen failure in it must not take the rest of the demo down.
            console.demo("Active Directory part skipped: " + e + ". Everything else runs as usual.");
            return null;
        }
    }

    /** The demo's bootstrap admin, signed in on the demo's Keycloak. */
    private static KeycloakAdmin signInAsAdmin(ObjectMapper json)
            throws IOException, InterruptedException, DemoException {
        return KeycloakAdmin.signIn(
                json,
                URI.create("http://localhost:" + KeycloakServer.HTTP_PORT),
                KeycloakServer.ADMIN_USERNAME,
                KeycloakServer.ADMIN_PASSWORD);
    }

    /** Adds the {@code sspr-ldap} component for the domain controller to the demo realm and tests its connection. */
    private boolean federateActiveDirectory() throws InterruptedException {
        ObjectMapper json = new ObjectMapper();
        try {
            KeycloakAdmin admin = signInAsAdmin(json);
            String id = admin.addComponent(
                    REALM, DemoAdSetup.component(json, admin.realmId(REALM), activeDirectory.trustStore()));
            JsonNode test = admin.post("/admin/realms/" + REALM + "/sspr/ldap/" + id + "/test");
            console.demo("User federation \"" + DemoActiveDirectory.COMPONENT_NAME + "\" (sspr-ldap, vendor ad, "
                    + DemoActiveDirectory.ldapsUrl() + ") added to realm " + REALM + " with id " + id
                    + "; connection test: "
                    + (test.path("reachable").asBoolean() ? "reachable" : "NOT reachable: " + test));
            remindExpiringPasswords(admin, json, id);
            return true;
        } catch (IOException | DemoException e) {
            console.demo("Could not add the Active Directory federation to realm " + REALM + ": " + e.getMessage()
                    + ". The demo goes on without it.");
            return false;
        }
    }

    /**
     * Password-expiry reminders in the demo (docs/insight.md): the AD users imported, reminders at 14, 7 and 1 days,
     * and one run now, so that {@link DemoActiveDirectory#EXPIRES_SOON}'s password (expiring in 10 days) shows in the
     * dashboard's count, gets its 14-day reminder in the mail sink and an activity row.
     */
    private void remindExpiringPasswords(KeycloakAdmin admin, ObjectMapper json, String componentId)
            throws IOException, InterruptedException, DemoException {
        admin.post("/admin/realms/" + REALM + "/user-storage/" + componentId + "/sync?action=triggerFullSync");
        admin.put(
                "/admin/realms/" + REALM + "/sspr/policy",
                json.createObjectNode().put("expiryReminderDays", "14,7,1"));
        JsonNode sent = admin.post("/admin/realms/" + REALM + "/sspr/password-expiry/run");
        console.demo("Password-expiry reminders at 14, 7 and 1 days; " + DemoActiveDirectory.EXPIRES_SOON
                + "'s AD password expires in " + DemoActiveDirectory.EXPIRES_SOON_DAYS + " days (reminded now: "
                + sent.path("mails").asInt() + " mail(s))");
    }

    /**
     * Recovery-data findings in the demo (docs/insight.md): computed once now rather than at the scheduled task's first
     * window (hours away), so that the dashboard's panel shows them at once; the ones found are printed.
     */
    private void showRecoveryFindings() throws InterruptedException {
        ObjectMapper json = new ObjectMapper();
        try {
            KeycloakAdmin admin = signInAsAdmin(json);
            JsonNode result = admin.post("/admin/realms/" + REALM + "/sspr/recovery-findings/run");
            List<String> found = new ArrayList<>();
            result.path("findings").forEach(finding -> {
                if (finding.path("count").asInt() > 0) {
                    List<String> users = new ArrayList<>();
                    finding.path("users").forEach(user -> users.add(user.asText()));
                    found.add(finding.path("kind").asText() + " "
                            + finding.path("count").asInt() + " (" + String.join(", ", users) + ")");
                }
            });
            console.demo("Risky recovery data (the SSPR dashboard's panel, computed now): "
                    + (found.isEmpty() ? "none" : String.join("; ", found)));
        } catch (IOException | DemoException e) {
            console.demo("Could not compute the recovery-data findings: " + e.getMessage() + ". The demo goes on.");
        }
    }

    private static Properties buildProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = DemoLauncher.class.getResourceAsStream("/demo.properties")) {
            if (in == null) {
                throw new IOException("demo.properties is missing from the launcher jar");
            }
            properties.load(in);
        }
        return properties;
    }

    private boolean isStopping() {
        synchronized (lifecycle) {
            return stopping;
        }
    }

    /**
     * The shutdown hook: Keycloak first (it may still talk to the directories while it stops), then the domain
     * controller, then the sinks.
     */
    private void stop() {
        synchronized (lifecycle) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        if (directory == null) {
            // Stopped before anything was started (a busy port, a missing build): nothing to stop or to report.
            return;
        }
        if (keycloak != null && keycloak.isAlive()) {
            console.demo("Stopping Keycloak ...");
        }
        if (keycloak != null) {
            keycloak.close();
        }
        if (activeDirectory != null) {
            console.demo("Stopping the Active Directory domain controller ...");
            activeDirectory.close();
        }
        if (tail != null) {
            tail.close();
        }
        if (mailSink != null) {
            mailSink.close();
        }
        directory.close();
        console.demo("Demo stopped. This run's messages stay in .demo/outbox.jsonl until the next run.");
    }
}
