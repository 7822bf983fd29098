package io.github.sspr.it.support;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFReader;
import java.io.InputStream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The demo directory (realm-exports/demo-users.ldif) served by an UnboundID in-memory LDAP server on
 * ldap://localhost:10389, as the demo realm's LDAP federation expects. Started once per test JVM, closed at its end.
 */
public final class DemoDirectory implements BeforeAllCallback {

    public static final int PORT = 10389;
    public static final String BASE_DN = "dc=demo,dc=sspr,dc=test";
    public static final String BIND_DN = "cn=Directory Manager";
    public static final String BIND_PASSWORD = "directory-secret";

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(DemoDirectory.class.getName(), key -> start(), Running.class);
    }

    /** The running server, for tests that read or change entries. */
    public static InMemoryDirectoryServer server(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(DemoDirectory.class.getName(), key -> start(), Running.class)
                .server;
    }

    private static Running start() {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
            config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("default", PORT));
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            try (InputStream ldif = DemoDirectory.class.getResourceAsStream("/realm-exports/demo-users.ldif")) {
                if (ldif == null) {
                    throw new IllegalStateException("realm-exports/demo-users.ldif is not on the test classpath");
                }
                server.importFromLDIF(true, new LDIFReader(ldif));
            }
            server.startListening();
            return new Running(server);
        } catch (LDAPException | java.io.IOException e) {
            throw new IllegalStateException("Cannot start the demo directory on port " + PORT, e);
        }
    }

    /** Closed by JUnit when the root context closes, i.e. at the end of the test JVM's run. */
    static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final InMemoryDirectoryServer server;

        Running(InMemoryDirectoryServer server) {
            this.server = server;
        }

        @Override
        public void close() {
            server.shutDown(true);
        }
    }
}
