package io.github.sspr.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Two Keycloak nodes as an operator runs them: a fresh distribution with only our JAR, {@code kc.sh build}, then
 * {@code kc.sh start --optimized} twice on loopback, on one PostgreSQL database, with Keycloak's default cluster stack
 * (embedded Infinispan, JGroups discovery by jdbc-ping over that database). No feature flag.
 *
 * <p>The nodes get a schema of their own in the suite's database, made fresh for each start, so that they never meet
 * the test framework's server (which uses the default schema) nor an earlier run. {@link #start} returns once both
 * nodes are ready and each has logged a cluster view of two members.
 */
public final class KeycloakCluster implements AutoCloseable {

    /** Ports of the two nodes: HTTP, management, JGroups. None of them is the framework server's 8080/9000. */
    private static final int[][] PORTS = {{18081, 19081, 17801}, {18082, 19082, 17802}};

    private static final String SCHEMA = "sspr_cluster";
    private static final Duration START_DEADLINE = Duration.ofMinutes(8);
    /** Infinispan's "new cluster view" line, with the member count in parentheses. */
    private static final Pattern TWO_MEMBER_VIEW = Pattern.compile("ISPN000094: .*\\(2\\)");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One node: where it lives, its ports and its process. */
    public static final class Node {
        private final String name;
        private final Path home;
        private final int httpPort;
        private final int managementPort;
        private final int clusterPort;
        private final Path log;
        private Process process;

        Node(String name, Path home, int[] ports, Path log) {
            this.name = name;
            this.home = home;
            this.httpPort = ports[0];
            this.managementPort = ports[1];
            this.clusterPort = ports[2];
            this.log = log;
        }

        public String name() {
            return name;
        }

        /** The node's own address; every node answers for every realm. */
        public String base() {
            return "http://127.0.0.1:" + httpPort;
        }

        public Path log() {
            return log;
        }

        public boolean alive() {
            return process != null && process.isAlive();
        }

        /** SIGKILL: the node dies mid-whatever, as on a power cut; the others must carry on. */
        public void kill() throws InterruptedException {
            // kc.sh runs Java as its child: the JVM is the node.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private final List<Node> nodes;

    private KeycloakCluster(List<Node> nodes) {
        this.nodes = nodes;
    }

    public Node a() {
        return nodes.get(0);
    }

    public Node b() {
        return nodes.get(1);
    }

    /**
     * Builds and starts the two nodes.
     *
     * @param unpacked the folder holding an unpacked, pristine {@code keycloak-*} distribution
     * @param dbUrl JDBC URL of the suite's PostgreSQL database (user and password follow)
     * @param startOptions more {@code kc.sh start} options for both nodes (e.g. {@code --log-level=…})
     * @param systemProperties JVM system properties for both nodes (through {@code JAVA_OPTS_APPEND})
     */
    public static KeycloakCluster start(
            Path unpacked,
            String dbUrl,
            String dbUser,
            String dbPassword,
            List<String> startOptions,
            Map<String, String> systemProperties)
            throws Exception {
        Path homeA;
        try (Stream<Path> entries = Files.list(unpacked)) {
            homeA = entries.filter(p -> p.getFileName().toString().startsWith("keycloak-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No unpacked Keycloak under " + unpacked))
                    .toAbsolutePath();
        }
        Files.setPosixFilePermissions(homeA.resolve("bin/kc.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(
                Artifacts.distJar(),
                homeA.resolve("providers").resolve(Artifacts.distJar().getFileName()));
        freshSchema(homeA, dbUrl, dbUser, dbPassword);

        // One build serves both nodes: the second is a copy of the built first.
        Path buildLog = Artifacts.dir().resolve("cluster-build.log");
        Process build = command(homeA, buildLog, Map.of(), List.of("build", "--db=postgres", "--health-enabled=true"))
                .start();
        if (!build.waitFor(8, TimeUnit.MINUTES) || build.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build failed, see " + buildLog);
        }
        Path homeB = unpacked.resolve("node-b").toAbsolutePath();
        Process copy = new ProcessBuilder("cp", "-a", homeA.toString(), homeB.toString())
                .inheritIO()
                .start();
        if (!copy.waitFor(2, TimeUnit.MINUTES) || copy.exitValue() != 0) {
            throw new IllegalStateException("cannot copy " + homeA + " to " + homeB);
        }

        List<Node> nodes = List.of(
                new Node("node-a", homeA, PORTS[0], Artifacts.dir().resolve("cluster-node-a.log")),
                new Node("node-b", homeB, PORTS[1], Artifacts.dir().resolve("cluster-node-b.log")));
        KeycloakCluster cluster = new KeycloakCluster(nodes);
        // Should the test JVM end without running the class's clean-up, its nodes must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        try {
            for (Node node : nodes) {
                List<String> start = new ArrayList<>(List.of(
                        "start",
                        "--optimized",
                        "--db-url=" + dbUrl,
                        "--db-username=" + dbUser,
                        "--db-password=" + dbPassword,
                        "--db-schema=" + SCHEMA,
                        "--http-enabled=true",
                        "--hostname-strict=false",
                        "--http-host=127.0.0.1",
                        "--http-port=" + node.httpPort,
                        "--http-management-port=" + node.managementPort,
                        "--cache-embedded-network-bind-address=127.0.0.1",
                        "--cache-embedded-network-bind-port=" + node.clusterPort,
                        // The JGroups member name, so that the view in the log names both nodes.
                        "--spi-cache-embedded-default-node-name=" + node.name));
                start.addAll(startOptions);
                node.process =
                        command(node.home, node.log, systemProperties, start).start();
                if (node == nodes.get(0)) {
                    // The first node creates the schema; two nodes starting together on an empty schema race for
                    // Liquibase's changelog table and one of them fails ("relation databasechangelog already exists").
                    cluster.awaitReady(node);
                }
            }
            cluster.awaitOneView();
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    private static ProcessBuilder command(
            Path home, Path log, Map<String, String> systemProperties, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        if (!systemProperties.isEmpty()) {
            StringBuilder opts = new StringBuilder();
            systemProperties.forEach(
                    (name, value) -> opts.append(" -D").append(name).append('=').append(value));
            env.put("JAVA_OPTS_APPEND", opts.toString().strip());
        }
        return builder;
    }

    /**
     * A fresh, empty schema for the nodes, through the PostgreSQL driver the distribution ships (the test classpath
     * has none of its own).
     */
    private static void freshSchema(Path home, String url, String user, String password) throws Exception {
        Path driverJar;
        try (Stream<Path> jars = Files.list(home.resolve("lib/lib/main"))) {
            driverJar = jars.filter(p -> p.getFileName().toString().startsWith("org.postgresql.postgresql"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL driver in " + home));
        }
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {driverJar.toUri().toURL()}, KeycloakCluster.class.getClassLoader())) {
            Driver driver = (Driver) loader.loadClass("org.postgresql.Driver")
                    .getDeclaredConstructor()
                    .newInstance();
            Properties credentials = new Properties();
            credentials.setProperty("user", user);
            credentials.setProperty("password", password);
            try (Connection connection = driver.connect(url, credentials);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
                statement.execute("CREATE SCHEMA " + SCHEMA);
            }
        }
    }

    /** Polls (bounded) until {@code node} answers ready; says why if it exits first. */
    private void awaitReady(Node node) throws Exception {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!node.alive()) {
                throw new AssertionError(node.name + " exited with " + node.process.exitValue() + ", see " + node.log);
            }
            if (ready(node)) {
                return;
            }
            node.process.waitFor(1, TimeUnit.SECONDS);
        }
        throw new AssertionError(node.name + " not ready within " + START_DEADLINE + ", see " + node.log);
    }

    /** Polls (bounded) until both nodes are ready and both logged a view of two members; says why if not. */
    private void awaitOneView() throws Exception {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (Node node : nodes) {
                if (!node.alive()) {
                    throw new AssertionError(
                            node.name + " exited with " + node.process.exitValue() + ", see " + node.log);
                }
                all &= ready(node)
                        && TWO_MEMBER_VIEW.matcher(Files.readString(node.log)).find();
            }
            if (all) {
                return;
            }
            nodes.get(0).process.waitFor(1, TimeUnit.SECONDS);
        }
        throw new AssertionError("no cluster of two within " + START_DEADLINE + ", see " + a().log + " and " + b().log);
    }

    private static boolean ready(Node node) {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.managementPort + "/health/ready"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The node's log lines at ERROR level. */
    public static List<String> errors(Node node) {
        try {
            return Files.readAllLines(node.log).stream()
                    .filter(l -> l.contains(" ERROR "))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            if (node.alive()) {
                node.process.descendants().forEach(ProcessHandle::destroy);
                node.process.destroy();
            }
        }
        for (Node node : nodes) {
            try {
                if (node.process != null && !node.process.waitFor(60, TimeUnit.SECONDS)) {
                    node.kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
