package io.github.sspr.demo;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.PasswordModifyExtendedOperationHandler;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * The demo directory: an UnboundID in-memory LDAP server loaded from {@code realm-exports/demo-users.ldif}, with the
 * bind account that the demo realm's {@code sspr-ldap} federation uses. It lives in memory only, so every run starts from the LDIF.
 */
final class DemoDirectory implements AutoCloseable {

    /** What {@code realm-exports/demo-realm.json} expects; {@code DemoDirectoryTest} checks the two agree. */
    static final String BASE_DN = "dc=demo,dc=sspr,dc=test";

    static final String BIND_DN = "cn=Directory Manager";
    static final String BIND_PASSWORD = "directory-secret";

    private final InMemoryDirectoryServer server;

    private DemoDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    /**
     * Loads the LDIF and listens on the loopback interface only: the directory holds well-known demo passwords, so it
     * is not offered to the network. Port 0 picks a free port (tests).
     */
    static DemoDirectory start(Path ldif, int port) throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), port, null));
        // The standard schema has inetOrgPerson and checks every entry against it, as a real directory would.
        config.setSchema(Schema.getDefaultStandardSchema());
        // sspr-ldap in generic mode (the demo realm) replaces userPassword; in OpenLDAP mode it uses the password
        // modify
        // extended operation. UnboundID registers that by default; say so explicitly.
        if (config.getExtendedOperationHandlers().stream()
                .noneMatch(PasswordModifyExtendedOperationHandler.class::isInstance)) {
            config.addExtendedOperationHandler(new PasswordModifyExtendedOperationHandler());
        }
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.importFromLDIF(true, ldif.toFile());
        server.startListening();
        return new DemoDirectory(server);
    }

    int port() {
        return server.getListenPort();
    }

    /** How many entries the directory holds (for the start-up line). */
    int entryCount() {
        return server.countEntries();
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
