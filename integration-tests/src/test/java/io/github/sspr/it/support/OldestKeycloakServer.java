package io.github.sspr.it.support;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.testframework.server.AbstractKeycloakServerSupplier;
import org.keycloak.testframework.server.KeycloakServer;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The suite's server on the oldest supported Keycloak (26.5.x; docs/testing.md, "The oldest supported Keycloak"),
 * selected with {@code kc.test.server=sspr-oldest} (failsafe execution {@code kc26.5}).
 *
 * <p>The test framework (26.7) starts every server with {@code --shutdown-delay} and {@code --shutdown-timeout}, options
 * that exist only from Keycloak 26.6: 26.5's {@code kc.sh} answers "Unknown option" and exits. This server takes the
 * framework's complete start command — the options of {@link SsprServerConfig}, the database, the bootstrap admin
 * client — drops those two, and runs it on a fresh copy of the unpacked 26.5.x distribution with our JAR, on the
 * framework's ports (8080, management 9000).
 */
public final class OldestKeycloakServer implements KeycloakServer {

    /** Start options the framework always passes that the oldest supported Keycloak does not know. */
    static final Set<String> UNKNOWN_TO_OLDEST = Set.of("--shutdown-delay", "--shutdown-timeout");

    private static final Logger LOG = Logger.getLogger(OldestKeycloakServer.class);

    /** The JAR the running server loads (one server per test JVM), for {@link #deployedJar()}. */
    private static volatile Path deployed;

    private StandaloneKeycloak keycloak;

    /** The packaged JAR in the running oldest-Keycloak server's {@code providers/}, when this server runs. */
    public static Optional<Path> deployedJar() {
        return Optional.ofNullable(deployed);
    }

    @Override
    public void start(KeycloakServerConfigBuilder config, boolean tlsEnabled) {
        if (tlsEnabled) {
            throw new IllegalStateException("The oldest-Keycloak server runs the suite over http only");
        }
        List<String> args = forOldest(frameworkArgs(config));
        LOG.infof(
                "Starting Keycloak %s: kc.sh %s", StandaloneKeycloak.unpacked().getFileName(), args);
        keycloak = StandaloneKeycloak.freshCopy("oldest-suite");
        deployed =
                keycloak.home().resolve("providers").resolve(Artifacts.distJar().getFileName());
        try {
            keycloak.start(getBaseUrl(), args);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("Keycloak did not start, see " + keycloak.startLog(), e);
        }
    }

    /** {@code args} without the options 26.5 refuses (each as {@code --name=value}). */
    static List<String> forOldest(List<String> args) {
        return args.stream()
                .filter(a -> !UNKNOWN_TO_OLDEST.contains(a.split("=", 2)[0]))
                .toList();
    }

    /** The framework's start command for this config ({@code toArgs} is package-private in the framework). */
    @SuppressWarnings("unchecked")
    static List<String> frameworkArgs(KeycloakServerConfigBuilder config) {
        try {
            Method toArgs = KeycloakServerConfigBuilder.class.getDeclaredMethod("toArgs");
            toArgs.setAccessible(true);
            return (List<String>) toArgs.invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This test framework has no KeycloakServerConfigBuilder.toArgs()", e);
        }
    }

    @Override
    public void stop() {
        if (keycloak == null) {
            return;
        }
        try {
            keycloak.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        keycloak = null;
        deployed = null;
    }

    @Override
    public String getBaseUrl() {
        return "http://localhost:8080";
    }

    @Override
    public String getManagementBaseUrl() {
        return "http://localhost:9000";
    }

    /** The framework's supplier for {@code kc.test.server=sspr-oldest} (registered by {@link SsprTestExtension}). */
    public static final class Supplier extends AbstractKeycloakServerSupplier {

        private static final Logger SUPPLIER_LOG = Logger.getLogger(Supplier.class);

        @Override
        public KeycloakServer getServer() {
            return new OldestKeycloakServer();
        }

        @Override
        public boolean requiresDatabase() {
            return true;
        }

        @Override
        public String getAlias() {
            return "sspr-oldest";
        }

        @Override
        public Logger getLogger() {
            return SUPPLIER_LOG;
        }
    }
}
