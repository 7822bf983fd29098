package io.github.sspr.testing;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real OpenLDAP {@code slapd} (Debian package) for tests: a temp directory with a generated slapd.conf (mdb backend,
 * ppolicy overlay), started in the foreground with {@code -d} on a free loopback port, stopped and deleted at close.
 */
public final class Slapd implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/slapd");
    public static final String SUFFIX = "dc=slapd,dc=test";
    public static final String ROOT_DN = "cn=admin," + SUFFIX;
    public static final String ROOT_PW = "slapd-root-secret";
    public static final String PEOPLE = "ou=people," + SUFFIX;
    /** The account Keycloak binds as; the ACL of {@link #startDirectory} lets it write passwords. */
    public static final String SERVICE = "cn=keycloak,ou=services," + SUFFIX;

    private final Path dir;
    private final int port;
    private Process process;

    private Slapd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY) && Files.isDirectory(Path.of("/usr/lib/ldap"));
    }

    /** @param acl extra slapd.conf access lines, placed before the catch-all read rule */
    /**
     * slapd with the tree the LDAP tests share: {@link #PEOPLE}, a service account {@link #SERVICE} that may write
     * passwords, lockout state and the must-change flag (pwdReset), and a default password policy (minimum length 10, history 3, quality checked),
     * plus {@code extraPolicy} attribute lines such as {@code "pwdLockout: TRUE"}.
     */
    public static Slapd startDirectory(String serviceSecret, String... extraPolicy)
            throws IOException, InterruptedException, LDAPException, com.unboundid.ldif.LDIFException {
        Slapd slapd = start(String.join(
                "\n",
                "access to attrs=userPassword,pwdAccountLockedTime,pwdReset",
                "  by dn.exact=\"" + SERVICE + "\" write",
                "  by self write",
                "  by anonymous auth",
                "  by * none"));
        try (LDAPConnection root = slapd.root()) {
            root.add("dn: " + SUFFIX, "objectClass: dcObject", "objectClass: organization", "o: t", "dc: slapd");
            root.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
            root.add("dn: ou=services," + SUFFIX, "objectClass: organizationalUnit", "ou: services");
            root.add("dn: ou=policies," + SUFFIX, "objectClass: organizationalUnit", "ou: policies");
            java.util.List<String> policy = new java.util.ArrayList<>(java.util.List.of(
                    "dn: cn=default,ou=policies," + SUFFIX,
                    "objectClass: person",
                    "objectClass: pwdPolicy",
                    "cn: default",
                    "sn: default",
                    "pwdAttribute: userPassword",
                    "pwdInHistory: 3",
                    "pwdMinLength: 10",
                    "pwdCheckQuality: 2"));
            policy.addAll(java.util.List.of(extraPolicy));
            root.add(policy.toArray(String[]::new));
            root.add(
                    "dn: " + SERVICE,
                    "objectClass: person",
                    "cn: keycloak",
                    "sn: keycloak",
                    "userPassword: " + serviceSecret);
        }
        return slapd;
    }

    public static Slapd start(String acl) throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path dir = Files.createTempDirectory("sspr-slapd");
        Files.createDirectories(dir.resolve("data"));
        String conf = String.join(
                "\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "include /etc/ldap/schema/nis.schema",
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "moduleload ppolicy",
                "pidfile " + dir.resolve("slapd.pid"),
                "database mdb",
                "maxsize 10485760",
                "suffix \"" + SUFFIX + "\"",
                "rootdn \"" + ROOT_DN + "\"",
                "rootpw " + ROOT_PW,
                "directory " + dir.resolve("data"),
                "overlay ppolicy",
                "ppolicy_default \"cn=default,ou=policies," + SUFFIX + "\"",
                "ppolicy_hash_cleartext",
                acl,
                "access to * by * read",
                "");
        Files.writeString(dir.resolve("slapd.conf"), conf);
        Slapd slapd = new Slapd(dir, port);
        slapd.launch();
        return slapd;
    }

    public void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(
                        BINARY.toString(),
                        "-d",
                        "0",
                        "-f",
                        dir.resolve("slapd.conf").toString(),
                        "-h",
                        "ldap://127.0.0.1:" + port + "/")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("slapd.log").toFile())
                .start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("slapd exited: " + Files.readString(dir.resolve("slapd.log")));
            }
            try {
                new LDAPConnection("127.0.0.1", port).close();
                return;
            } catch (LDAPException notYet) {
                // Wakes early if slapd exits, so the loop reports that at once.
                process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException(
                "slapd did not listen within 10 s: " + Files.readString(dir.resolve("slapd.log")));
    }

    /** Stops the process, keeps the data (for outage tests). */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    public int port() {
        return port;
    }

    public LDAPConnection root() throws LDAPException {
        LDAPConnection connection = new LDAPConnection("127.0.0.1", port);
        connection.bind(ROOT_DN, ROOT_PW);
        return connection;
    }

    @Override
    public void close() throws IOException {
        if (process != null) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
