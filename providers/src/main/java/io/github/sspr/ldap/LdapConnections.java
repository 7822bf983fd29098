package io.github.sspr.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** Builds the UnboundID connection pool for one configuration: failover across the URLs, timeouts, TLS. */
final class LdapConnections {

    private LdapConnections() {}

    /**
     * A pool that opens connections lazily, so that creating it never waits for the directory: a directory that is
     * down at start-up costs nothing until it is used, and the pool recovers by itself once it is back.
     *
     * @param bindCredential the resolved secret (never logged)
     * @param trustStorePassword the resolved trust store password, or empty
     */
    static LDAPConnectionPool open(LdapConfig config, String bindCredential, String trustStorePassword)
            throws LDAPException, GeneralSecurityException {
        List<String> urls = config.urls();
        String[] hosts = new String[urls.size()];
        int[] ports = new int[urls.size()];
        for (int i = 0; i < urls.size(); i++) {
            LDAPURL url = new LDAPURL(urls.get(i));
            hosts[i] = url.getHost();
            ports[i] = url.getPort();
        }

        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(config.connectTimeoutMillis());
        options.setResponseTimeoutMillis(config.responseTimeoutMillis());
        options.setUseKeepAlive(true);
        options.setAbandonOnTimeout(true);

        SocketFactory socketFactory = SocketFactory.getDefault();
        PostConnectProcessor startTls = null;
        if (config.tlsMode() != TlsMode.NONE) {
            // A trusted CA is not enough: the certificate must also name the host of the URL (RFC 6125), or anyone
            // holding a certificate of the same CA could stand in for the directory and collect every password.
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            SSLUtil ssl = new SSLUtil(trustManager(config, trustStorePassword));
            if (config.tlsMode() == TlsMode.LDAPS) {
                socketFactory = ssl.createSSLSocketFactory();
            } else {
                SSLContext context = ssl.createSSLContext();
                startTls = new StartTLSPostConnectProcessor(context);
            }
        }

        FailoverServerSet servers = new FailoverServerSet(hosts, ports, socketFactory, options);
        BindRequest bind = config.bindDn().isEmpty() ? null : new SimpleBindRequest(config.bindDn(), bindCredential);
        LDAPConnectionPool pool = new LDAPConnectionPool(servers, bind, 0, config.maxConnections(), startTls);
        pool.setConnectionPoolName("sspr-ldap");
        // A connection that died while the directory was down is replaced on first use, once: recovery without a
        // restart, and no endless retries against a server that is still down.
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
        pool.setCreateIfNecessary(true);
        pool.setMaxWaitTimeMillis(config.connectTimeoutMillis());
        pool.setHealthCheckIntervalMillis(30_000L);
        return pool;
    }

    private static TrustManager trustManager(LdapConfig config, String trustStorePassword) {
        if (config.trustStorePath().isEmpty()) {
            return JVMDefaultTrustManager.getInstance();
        }
        char[] pin = trustStorePassword.isEmpty() ? null : trustStorePassword.toCharArray();
        return new TrustStoreTrustManager(config.trustStorePath(), pin, null, true);
    }
}
