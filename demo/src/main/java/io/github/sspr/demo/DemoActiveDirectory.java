package io.github.sspr.demo;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The demo's Active Directory: a throwaway Samba 4 domain controller for the domain {@value #DOMAIN}, provisioned anew
 * under {@code .demo/samba/} on every run and started in the foreground with its LDAP service only. It listens on
 * ports 389 and 636 of the fixed loopback address {@value #ADDRESS} (so the realm's federation URL never changes), with
 * a self-signed certificate naming that address and a PKCS #12 trust store holding it for Keycloak.
 *
 * <p>After start it holds: the OU {@value #PEOPLE_DN}, a service account in Account Operators (enough to reset
 * passwords and clear lockouts), read access for that group to the Password Settings Container (so AD's refusals can
 * be explained by rule), minimum password age 0, lockout after 3 failures, and the people of {@link #USERS}.
 *
 * <p>Samba insists on running as root; {@link #unavailable} says why the demo goes on without it elsewhere.
 * The command lines it runs and the realm component it registers are in {@link DemoAdSetup}.
 */
final class DemoActiveDirectory implements AutoCloseable {

    static final String ADDRESS = "127.0.0.77";
    static final int LDAP_PORT = 389;
    static final int LDAPS_PORT = 636;

    static final String DOMAIN = "SSPR.TEST";
    static final String NETBIOS_NAME = "SSPR";
    static final String UPN_SUFFIX = "@sspr.test";
    static final String DOMAIN_DN = "DC=sspr,DC=test";
    static final String PEOPLE_DN = "OU=People," + DOMAIN_DN;
    static final String ADMINISTRATOR_DN = "CN=Administrator,CN=Users," + DOMAIN_DN;
    static final String ADMINISTRATOR_PASSWORD = "Demo-Samba-Adm1n";
    static final String SERVICE_ACCOUNT = "svc-keycloak";
    static final String SERVICE_DN = "CN=" + SERVICE_ACCOUNT + "," + PEOPLE_DN;
    static final String SERVICE_PASSWORD = "Demo-Svc-Keycl0ak";
    static final String TRUST_STORE_PASSWORD = "demo-trust-store";

    /** The name of the realm's federation component, as the admin console lists it. */
    static final String COMPONENT_NAME = "corp-ad (Samba)";

    static final Path SAMBA = Path.of("/usr/sbin/samba");
    static final Path SAMBA_TOOL = Path.of("/usr/bin/samba-tool");
    static final Path OPENSSL = Path.of("/usr/bin/openssl");

    /** Set to {@code off} to run the demo without the domain controller even where it could run. */
    static final String SWITCH_VARIABLE = "SSPR_DEMO_AD";

    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(2);
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    /** A person in the domain. Names differ from the demo realm's and the LDIF's, so the two never compete. */
    record User(String account, String password, String givenName, String surname, String mail) {

        String dn() {
            return "CN=" + account + "," + PEOPLE_DN;
        }

        String principalName() {
            return account + UPN_SUFFIX;
        }
    }

    /**
     * Passwords meet the demo realm's policy (10 characters, an upper-case letter, a digit, not the username or
     * e-mail) and AD's complexity (three kinds of character, no part of the account name).
     */
    static final List<User> USERS = List.of(
            new User("adam", "Sunrise-Harbor-42", "Adam", "Archer", "adam@corp.sspr.test"),
            new User("erin", "Maple-Orchard-17", "Erin", "Ellis", "erin@corp.sspr.test"));

    /** The demo person whose password expires soon (a fine-grained policy of {@link #EXPIRES_SOON_DAYS} days). */
    static final String EXPIRES_SOON = "erin";

    static final int EXPIRES_SOON_DAYS = 10;

    private final Path dir;
    private Process process;

    private DemoActiveDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Why the demo cannot run a domain controller here, or empty when it can: switched off by {@value
     * #SWITCH_VARIABLE}, a missing program, or not root.
     */
    static Optional<String> unavailable(String switchValue, Predicate<Path> executable, boolean root) {
        if ("off".equalsIgnoreCase(switchValue)) {
            return Optional.of(SWITCH_VARIABLE + "=off");
        }
        List<String> missing = Stream.of(SAMBA, SAMBA_TOOL, OPENSSL)
                .filter(program -> !executable.test(program))
                .map(Path::toString)
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            return Optional.of("Samba is not installed (no " + String.join(", ", missing)
                    + "; run ./run-demo.sh as root on Debian to install it)");
        }
        if (!root) {
            return Optional.of("a Samba domain controller runs only as root, and the demo does not");
        }
        return Optional.empty();
    }

    /** Whether this process runs as root (the owner of {@code /proc/self} is the effective user). */
    static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * Why the domain controller's ports on {@value #ADDRESS} cannot be used (a domain controller left from an earlier
     * run?), or empty. Besides LDAP and LDAPS, samba's LDAP service opens the global catalog ports 3268 and 3269.
     */
    static Optional<String> portsTaken() {
        List<String> busy = new ArrayList<>();
        for (int port : List.of(LDAP_PORT, LDAPS_PORT, 3268, 3269)) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), port));
            } catch (IOException e) {
                busy.add(ADDRESS + ":" + port);
            }
        }
        if (busy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(" and ", busy)
                + " already in use (a samba left from an earlier run? `ss -ltnp` shows the process)");
    }

    static String ldapsUrl() {
        return "ldaps://" + ADDRESS + ":" + LDAPS_PORT;
    }

    /**
     * Provisions the domain under {@code dir} (deleted first), starts samba and fills the domain. On failure nothing
     * is left running; the message names the log to read.
     */
    static DemoActiveDirectory start(Path dir) throws DemoException, InterruptedException {
        DemoActiveDirectory ad = new DemoActiveDirectory(dir);
        try {
            DemoFiles.deleteTree(dir);
            Files.createDirectories(dir.resolve("tls"));
            ad.run(DemoAdSetup.certificateCommand(dir));
            // Samba will not use a key file that others may read.
            Files.setPosixFilePermissions(dir.resolve("tls/key.pem"), PosixFilePermissions.fromString("rw-------"));
            ad.writeTrustStore();
            ad.run(DemoAdSetup.provisionCommand(dir));
            ad.launch();
            ad.populate();
            ad.run(DemoAdSetup.toolCommand(
                    dir,
                    "dsacl",
                    "set",
                    "--objectdn=CN=Password Settings Container,CN=System," + DOMAIN_DN,
                    "--sddl=(A;CI;RPLCLORC;;;AO)"));
            return ad;
        } catch (IOException e) {
            ad.close();
            throw new DemoException("Cannot set up the Active Directory domain controller: " + e.getMessage(), e);
        } catch (LDAPException e) {
            ad.close();
            throw new DemoException(
                    "Cannot fill the Active Directory domain: " + e.getMessage() + " (see " + ad.serverLog() + ")", e);
        } catch (DemoException | InterruptedException | RuntimeException e) {
            ad.close();
            throw e;
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException, DemoException {
        Path log = setupLog();
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        p.getOutputStream().close();
        String what = Path.of(command.get(0)).getFileName() + " " + command.get(1);
        if (!p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new DemoException(
                    what + " did not finish within " + COMMAND_LIMIT.toSeconds() + " s (its output: " + log + ")");
        }
        if (p.exitValue() != 0) {
            throw new DemoException(what + " failed with exit code " + p.exitValue() + " (its output: " + log + ")");
        }
    }

    private void writeTrustStore() throws IOException {
        try (InputStream in = Files.newInputStream(certificate());
                OutputStream out = Files.newOutputStream(trustStore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(
                    "demo-dc", CertificateFactory.getInstance("X.509").generateCertificate(in));
            store.store(out, TRUST_STORE_PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the trust store: " + e.getMessage(), e);
        }
    }

    /** Starts samba and polls (with a deadline) until an administrator bind over LDAPS succeeds. */
    private void launch() throws IOException, InterruptedException, DemoException {
        synchronized (this) {
            process = new ProcessBuilder(DemoAdSetup.serverCommand(dir))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(serverLog().toFile()))
                    .start();
            // Its stdin stays open on purpose: samba -i exits when stdin closes, so even a launcher killed with
            // SIGKILL leaves no domain controller behind.
        }
        Instant deadline = Instant.now().plus(ANSWER_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new DemoException("samba exited at start (exit code " + process.exitValue() + "; its output: "
                        + serverLog() + ")");
            }
            try {
                administrator().close();
                return;
            } catch (LDAPException notYet) {
                // Returns at once if samba exits, so that the loop reports it.
                process.waitFor(250, TimeUnit.MILLISECONDS);
            }
        }
        throw new DemoException("samba did not answer on " + ldapsUrl() + " within " + ANSWER_LIMIT.toSeconds()
                + " s (its output: " + serverLog() + ")");
    }

    /** Domain policy, the OU, the service account and the demo people. */
    private void populate() throws LDAPException {
        try (LDAPConnection admin = administrator()) {
            admin.modify(
                    DOMAIN_DN,
                    new Modification(ModificationType.REPLACE, "minPwdAge", "0"),
                    new Modification(ModificationType.REPLACE, "lockoutThreshold", "3"));
            admin.add(
                    PEOPLE_DN,
                    new Attribute("objectClass", "top", "organizationalUnit"),
                    new Attribute("ou", "People"));
            addUser(admin, SERVICE_ACCOUNT, SERVICE_PASSWORD, "Keycloak", "Service", null);
            admin.modify(
                    "CN=Account Operators,CN=Builtin," + DOMAIN_DN,
                    new Modification(ModificationType.ADD, "member", SERVICE_DN));
            for (User user : USERS) {
                addUser(admin, user.account(), user.password(), user.givenName(), user.surname(), user.mail());
            }
            expiresSoon(admin, "CN=" + EXPIRES_SOON + "," + PEOPLE_DN);
        }
    }

    /**
     * A fine-grained password policy for one demo person whose password expires {@link #EXPIRES_SOON_DAYS} days after
     * it was set: the dashboard's "expiring soon" count and a password-expiry reminder (docs/insight.md). Otherwise as
     * the domain's (complexity, lockout after 3 failures, minimum age 0).
     */
    private static void expiresSoon(LDAPConnection admin, String userDn) throws LDAPException {
        long day = -864_000_000_000L; // AD intervals: negative counts of 100 ns
        admin.add(
                "CN=demo-expires-soon,CN=Password Settings Container,CN=System," + DOMAIN_DN,
                new Attribute("objectClass", "msDS-PasswordSettings"),
                new Attribute("msDS-PasswordSettingsPrecedence", "10"),
                new Attribute("msDS-PasswordReversibleEncryptionEnabled", "FALSE"),
                new Attribute("msDS-PasswordHistoryLength", "24"),
                new Attribute("msDS-PasswordComplexityEnabled", "TRUE"),
                new Attribute("msDS-MinimumPasswordLength", "7"),
                new Attribute("msDS-MinimumPasswordAge", "0"),
                new Attribute("msDS-MaximumPasswordAge", Long.toString(EXPIRES_SOON_DAYS * day)),
                new Attribute("msDS-LockoutThreshold", "3"),
                new Attribute("msDS-LockoutObservationWindow", "-18000000000"),
                new Attribute("msDS-LockoutDuration", "-18000000000"),
                new Attribute("msDS-PSOAppliesTo", userDn));
    }

    /** An enabled account as AD tools create one: the password as unicodePwd, then userAccountControl 512. */
    private static void addUser(
            LDAPConnection admin, String account, String password, String givenName, String surname, String mail)
            throws LDAPException {
        List<Attribute> attributes = new ArrayList<>(List.of(
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("sAMAccountName", account),
                new Attribute("userPrincipalName", account + UPN_SUFFIX),
                new Attribute("givenName", givenName),
                new Attribute("sn", surname),
                new Attribute("unicodePwd", unicodePwd(password)),
                new Attribute("userAccountControl", "512")));
        if (mail != null) {
            attributes.add(new Attribute("mail", mail));
        }
        admin.add("CN=" + account + "," + PEOPLE_DN, attributes);
    }

    /** What AD takes as a password: the password in double quotes, UTF-16LE. */
    static byte[] unicodePwd(String password) {
        return ('"' + password + '"').getBytes(StandardCharsets.UTF_16LE);
    }

    /** A connection over LDAPS that checks the certificate and the address it names, bound as Administrator. */
    private LDAPConnection administrator() throws LDAPException {
        SSLUtil ssl = new SSLUtil(
                new TrustStoreTrustManager(trustStore().toFile(), TRUST_STORE_PASSWORD.toCharArray(), "PKCS12", true));
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(2_000);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        try {
            LDAPConnection connection = new LDAPConnection(ssl.createSSLSocketFactory(), options, ADDRESS, LDAPS_PORT);
            try {
                connection.bind(ADMINISTRATOR_DN, ADMINISTRATOR_PASSWORD);
            } catch (LDAPException e) {
                connection.close();
                throw e;
            }
            return connection;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the trust store " + trustStore(), e);
        }
    }

    Path certificate() {
        return dir.resolve("tls/cert.pem");
    }

    Path trustStore() {
        return dir.resolve("tls/truststore.p12");
    }

    Path serverLog() {
        return dir.resolve("samba.log");
    }

    private Path setupLog() {
        return dir.resolve("setup.log");
    }

    /** Stops samba and whatever it started: SIGTERM, then SIGKILL after {@link #STOP_GRACE}. Keeps the files. */
    @Override
    public void close() {
        Process p;
        synchronized (this) {
            p = process;
            process = null;
        }
        if (p == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tree.forEach(ProcessHandle::destroyForcibly);
                return;
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
            }
        }
    }
}
