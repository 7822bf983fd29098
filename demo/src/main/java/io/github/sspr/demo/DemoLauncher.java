package io.github.sspr.demo;

import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * The demo command (run-demo.sh runs it from the repository root): an LDAP directory, an SMTP sink, the outbox, and
 * Keycloak 26.7.3 with the drop-in JAR and the demo realm, until Ctrl-C.
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
        List<DemoAccounts.Account> accounts = DemoAccounts.read(layout.ldif(), layout.realmExport());

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
        console.block(
                Banner.render(REALM, accounts, layout.outbox().toString(), Duration.between(started, Instant.now())));

        int exit = keycloak.waitFor();
        if (isStopping()) {
            return 0;
        }
        console.demo("Keycloak exited by itself (exit code " + exit + "); stopping the demo.");
        return exit == 0 ? 1 : exit;
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

    /** The shutdown hook: Keycloak first (it may still talk to the directory while it stops), then the sinks. */
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
