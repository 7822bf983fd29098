package io.github.sspr.testing;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import io.github.sspr.ldap.AdPasswords;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Active Directory domain controller for tests: Samba 4 (Debian packages {@code samba}, {@code samba-tool}),
 * provisioned into a temp directory as domain {@code SSPR.TEST} and started in the foreground with only its LDAP
 * service. It listens on ports 389 and 636 of a loopback address of its own ({@code 127.0.x.y}, drawn per start, so
 * that it never meets another server's ports; and of the next one, {@link #unnamedAddress()}), with a certificate for
 * the first address only, made by {@code openssl}, and a
 * PKCS #12 trust store holding it ({@link #trustStore()}, password {@link #TRUST_STORE_PASSWORD}).
 *
 * <p>{@link #startDomain()} adds what the tests share: an OU {@link #PEOPLE}, a service account {@link #SERVICE} in
 * Account Operators (which AD's default user ACL lets reset passwords and clear lockouts, no more), and the domain
 * policy: minimum length 7, complexity, history 24 (Samba's defaults), minimum age 0, lockout after 3 failures.
 *
 * <p>Samba must run as root (it checks): {@link #available()} says false elsewhere, and the tests skip.
 */
public final class SambaAd implements AutoCloseable {

    public static final Path SAMBA = Path.of("/usr/sbin/samba");
    public static final Path SAMBA_TOOL = Path.of("/usr/bin/samba-tool");
    public static final Path OPENSSL = Path.of("/usr/bin/openssl");

    public static final String REALM = "SSPR.TEST";
    public static final String DOMAIN_DN = "DC=sspr,DC=test";
    public static final String ADMIN_DN = "CN=Administrator,CN=Users," + DOMAIN_DN;
    public static final String ADMIN_PW = "Samba-Adm1n-Secret";
    public static final String PEOPLE = "OU=People," + DOMAIN_DN;
    public static final String SERVICE = "CN=svc-keycloak," + PEOPLE;
    public static final String TRUST_STORE_PASSWORD = "trust-store-pw";

    private final Path dir;
    private final String address;
    private final String unnamedAddress;
    private Process process;

    private SambaAd(Path dir, String address, String unnamedAddress) {
        this.dir = dir;
        this.address = address;
        this.unnamedAddress = unnamedAddress;
    }

    public static boolean available() {
        return Files.isExecutable(SAMBA)
                && Files.isExecutable(SAMBA_TOOL)
                && Files.isExecutable(OPENSSL)
                && "root".equals(System.getProperty("user.name"));
    }

    /** A provisioned, running domain controller with the shared tree, policy and service account. */
    public static SambaAd startDomain(String serviceSecret)
            throws IOException, InterruptedException, LDAPException, com.unboundid.ldif.LDIFException {
        SambaAd samba = provision();
        try {
            samba.launch();
            try (LDAPConnection admin = samba.admin()) {
                admin.modify(
                        "dn: " + DOMAIN_DN,
                        "changetype: modify",
                        "replace: minPwdAge",
                        "minPwdAge: 0",
                        "-",
                        "replace: lockoutThreshold",
                        "lockoutThreshold: 3");
                admin.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: People");
                samba.addUser(admin, "svc-keycloak", serviceSecret, "Keycloak", "Service", null);
                admin.modify(
                        "dn: CN=Account Operators,CN=Builtin," + DOMAIN_DN,
                        "changetype: modify",
                        "add: member",
                        "member: " + SERVICE);
            }
            return samba;
        } catch (IOException
                | InterruptedException
                | LDAPException
                | com.unboundid.ldif.LDIFException
                | RuntimeException e) {
            samba.close();
            throw e;
        }
    }

    private static SambaAd provision() throws IOException, InterruptedException {
        SecureRandom random = new SecureRandom();
        String net = "127.0." + (2 + random.nextInt(250)) + ".";
        int host = 2 + random.nextInt(250);
        String address = net + host;
        String unnamedAddress = net + (host + 1);
        Path dir = Files.createTempDirectory("sspr-samba");
        SambaAd samba = new SambaAd(dir, address, unnamedAddress);
        try {
            Path tls = Files.createDirectories(dir.resolve("tls"));
            run(
                    dir,
                    OPENSSL.toString(),
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=dc1.sspr.test",
                    "-addext",
                    "subjectAltName=IP:" + address + ",DNS:dc1.sspr.test",
                    "-keyout",
                    tls.resolve("key.pem").toString(),
                    "-out",
                    tls.resolve("cert.pem").toString());
            // Samba refuses a key file that others can read.
            Files.setPosixFilePermissions(
                    tls.resolve("key.pem"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            samba.writeTrustStore();
            run(
                    dir,
                    SAMBA_TOOL.toString(),
                    "domain",
                    "provision",
                    "--targetdir=" + dir.resolve("dc"),
                    "--realm=" + REALM,
                    "--domain=SSPR",
                    "--server-role=dc",
                    "--dns-backend=NONE",
                    "--host-name=dc1",
                    "--adminpass=" + ADMIN_PW,
                    "--option=interfaces=" + address + "/8 " + unnamedAddress + "/8",
                    "--option=bind interfaces only=yes",
                    "--option=server services=ldap",
                    "--option=tls enabled=yes",
                    "--option=tls certfile=" + tls.resolve("cert.pem"),
                    "--option=tls keyfile=" + tls.resolve("key.pem"),
                    "--option=tls cafile=",
                    "--option=log file=" + dir.resolve("samba.log.%m"),
                    // Its own pid file: two domain controllers (two builds) can run side by side.
                    "--option=pid directory=" + dir);
            return samba;
        } catch (IOException | InterruptedException | RuntimeException e) {
            samba.close();
            throw e;
        }
    }

    private void writeTrustStore() throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve("tls/cert.pem"));
                OutputStream out = Files.newOutputStream(trustStore())) {
            Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("samba-dc", cert);
            store.store(out, TRUST_STORE_PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = dir.resolve("setup.log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command[0] + " " + command[1] + " failed: " + Files.readString(log));
        }
    }

    /**
     * Runs {@code samba-tool} on this domain's database (beside the running server, as admins do), e.g. {@code
     * tool("dsacl", "set", …)}.
     */
    public void tool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SAMBA_TOOL.toString()));
        command.addAll(List.of(args));
        command.add("-H");
        command.add(dir.resolve("dc/private/sam.ldb").toString());
        command.add("--configfile=" + dir.resolve("dc/etc/smb.conf"));
        run(dir, command.toArray(String[]::new));
    }

    /** Starts {@code samba} (again, after {@link #stop()}) and waits until LDAPS answers. */
    public void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(
                        SAMBA.toString(),
                        "-i",
                        "-M",
                        "single",
                        "--debug-stdout",
                        "-d",
                        "1",
                        "-s",
                        dir.resolve("dc/etc/smb.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("samba.log").toFile()))
                .start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("samba exited: " + Files.readString(dir.resolve("samba.log")));
            }
            try {
                admin().close();
                return;
            } catch (LDAPException notYet) {
                // Wakes early if samba exits, so the loop reports that at once.
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException(
                "samba did not answer LDAPS within 60 s: " + Files.readString(dir.resolve("samba.log")));
    }

    /** Stops the process, keeps the domain (for outage tests). */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The loopback address the domain controller listens on. */
    public String address() {
        return address;
    }

    /**
     * A second address the same server listens on, which its certificate does not name: what a client that skips the
     * host-name check would accept from a man in the middle holding a certificate of the same CA.
     */
    public String unnamedAddress() {
        return unnamedAddress;
    }

    public String ldapsUrl() {
        return "ldaps://" + address + ":636";
    }

    public String ldapUrl() {
        return "ldap://" + address + ":389";
    }

    /** PKCS #12 trust store with the domain controller's certificate. */
    public Path trustStore() {
        return dir.resolve("tls/truststore.p12");
    }

    /**
     * The domain controller's key and certificate as a PKCS #12 key store (password {@link #TRUST_STORE_PASSWORD}), for
     * a test server that must present the same certificate.
     */
    public Path serverKeyStore() throws IOException, InterruptedException {
        Path store = dir.resolve("tls/server.p12");
        if (!Files.exists(store)) {
            run(
                    dir,
                    OPENSSL.toString(),
                    "pkcs12",
                    "-export",
                    "-in",
                    dir.resolve("tls/cert.pem").toString(),
                    "-inkey",
                    dir.resolve("tls/key.pem").toString(),
                    "-passout",
                    "pass:" + TRUST_STORE_PASSWORD,
                    "-out",
                    store.toString());
        }
        return store;
    }

    /** A connection over LDAPS, checking the certificate and its address, bound as the domain's Administrator. */
    public LDAPConnection admin() throws LDAPException {
        return bound(ADMIN_DN, ADMIN_PW);
    }

    /** A connection over LDAPS bound as {@code dn}. */
    public LDAPConnection bound(String dn, String password) throws LDAPException {
        try {
            SSLUtil ssl = new SSLUtil(
                    new TrustStoreTrustManager(trustStore().toFile(), TRUST_STORE_PASSWORD.toCharArray(), null, true));
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis(2_000);
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            LDAPConnection connection = new LDAPConnection(ssl.createSSLSocketFactory(), options, address, 636);
            try {
                connection.bind(dn, password);
            } catch (LDAPException e) {
                connection.close();
                throw e;
            }
            return connection;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds an enabled user under {@link #PEOPLE} the way AD tools do (user object, sAMAccountName, UPN, unicodePwd,
     * then userAccountControl 512). Returns its DN.
     */
    public String addUser(LDAPConnection admin, String sam, String password, String given, String surname, String mail)
            throws LDAPException {
        String dn = "CN=" + sam + "," + PEOPLE;
        List<com.unboundid.ldap.sdk.Attribute> attributes = new ArrayList<>(List.of(
                new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new com.unboundid.ldap.sdk.Attribute("sAMAccountName", sam),
                new com.unboundid.ldap.sdk.Attribute("userPrincipalName", sam + "@sspr.test"),
                new com.unboundid.ldap.sdk.Attribute("givenName", given),
                new com.unboundid.ldap.sdk.Attribute("sn", surname),
                new com.unboundid.ldap.sdk.Attribute("unicodePwd", AdPasswords.unicodePwd(password)),
                new com.unboundid.ldap.sdk.Attribute("userAccountControl", "512")));
        if (mail != null) {
            attributes.add(new com.unboundid.ldap.sdk.Attribute("mail", mail));
        }
        admin.add(dn, attributes);
        return dn;
    }

    /**
     * Adds a fine-grained password policy (a PSO) for {@code appliesTo}: history 5, complexity on, maximum age 42
     * days, lockout window and duration 30 minutes, and the given precedence, minimum length, minimum age and lockout
     * threshold.
     */
    public void addPasswordSettings(
            LDAPConnection admin,
            String name,
            int precedence,
            int minLength,
            java.time.Duration minAge,
            int lockoutThreshold,
            String appliesTo)
            throws LDAPException, com.unboundid.ldif.LDIFException {
        admin.add(
                "dn: CN=" + name + ",CN=Password Settings Container,CN=System," + DOMAIN_DN,
                "objectClass: msDS-PasswordSettings",
                "msDS-PasswordSettingsPrecedence: " + precedence,
                "msDS-PasswordReversibleEncryptionEnabled: FALSE",
                "msDS-PasswordHistoryLength: 5",
                "msDS-PasswordComplexityEnabled: TRUE",
                "msDS-MinimumPasswordLength: " + minLength,
                // AD intervals: negative counts of 100 ns.
                "msDS-MinimumPasswordAge: " + -(minAge.toMillis() * 10_000L),
                "msDS-MaximumPasswordAge: -36288000000000",
                "msDS-LockoutThreshold: " + lockoutThreshold,
                "msDS-LockoutObservationWindow: -18000000000",
                "msDS-LockoutDuration: -18000000000",
                "msDS-PSOAppliesTo: " + appliesTo);
    }

    /**
     * Lets Account Operators (the service account) read password settings objects, as docs/writeback.md asks admins to:
     * by default only Domain Admins may.
     */
    public void grantPasswordSettingsRead() throws IOException, InterruptedException {
        tool(
                "dsacl",
                "set",
                "--objectdn=CN=Password Settings Container,CN=System," + DOMAIN_DN,
                "--sddl=(A;CI;RPLCLORC;;;AO)");
    }

    @Override
    public void close() throws IOException {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
