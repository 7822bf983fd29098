package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import io.github.sspr.testing.Slapd;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (no {@code Test} suffix: surefire leaves it out of the build): the latency of our password
 * writeback ({@link LdapDirectory#writePassword}: RFC 3062 password modify with the ppolicy request control, per-rule
 * error mapping, must-change handling) against a direct UnboundID modify of {@code userPassword} by the same service
 * account on the same connection pool, against a real slapd with the ppolicy overlay. Goal (issue 6): p50 ratio ≤ 2.
 *
 * <pre>
 * mvn -pl providers test -Dtest=WritebackBench -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.writes=400]
 * </pre>
 *
 * Writes alternate (ours, direct, ours, …) on two users so that both see the same server state and load; the first
 * 50 of each are warm-up. Results are logged (JBoss Logging, INFO) and recorded in bench/ldap-writeback.md.
 */
class WritebackBench {

    private static final Logger LOG = Logger.getLogger(WritebackBench.class);

    private static final String SECRET = "Service-Acc0unt-Secret";

    @Test
    void writebackVersusDirectModify() throws Exception {
        assumeTrue(Slapd.available(), "Debian slapd is not installed");
        int writes = Integer.getInteger("bench.writes", 400);
        int warmUp = 50;
        try (Slapd slapd = Slapd.startDirectory(SECRET)) {
            String ours = "uid=bench-ours," + Slapd.PEOPLE;
            String direct = "uid=bench-direct," + Slapd.PEOPLE;
            try (LDAPConnection root = slapd.root()) {
                for (String dn : List.of(ours, direct)) {
                    String uid = dn.substring(4, dn.indexOf(','));
                    root.add(
                            "dn: " + dn,
                            "objectClass: inetOrgPerson",
                            "uid: " + uid,
                            "cn: " + uid,
                            "sn: bench",
                            "userPassword: Bench-First-Passw0rd");
                }
            }
            Map<String, String> raw = new HashMap<>();
            raw.put(LdapConfigProperties.VENDOR, "openldap");
            raw.put(LdapConfigProperties.CONNECTION_URLS, "ldap://127.0.0.1:" + slapd.port());
            raw.put(LdapConfigProperties.TLS_MODE, "none");
            raw.put(LdapConfigProperties.BIND_DN, Slapd.SERVICE);
            raw.put(LdapConfigProperties.BIND_CREDENTIAL, SECRET);
            raw.put(LdapConfigProperties.USERS_DN, Slapd.PEOPLE);
            LdapConfig config = LdapConfig.from(raw::get);
            assertEquals(List.of(), config.problems());
            try (LDAPConnectionPool pool = LdapConnections.open(config, SECRET, "")) {
                LdapDirectory directory = new LdapDirectory(pool, config);
                long[] oursNanos = new long[writes];
                long[] directNanos = new long[writes];
                for (int i = 0; i < warmUp + writes; i++) {
                    String password = "Bench-Passw0rd-" + i + "-q";
                    long t0 = System.nanoTime();
                    directory.writePassword(ours, password, true);
                    long t1 = System.nanoTime();
                    pool.modify(new ModifyRequest(
                            direct, new Modification(ModificationType.REPLACE, "userPassword", password)));
                    long t2 = System.nanoTime();
                    if (i >= warmUp) {
                        oursNanos[i - warmUp] = t1 - t0;
                        directNanos[i - warmUp] = t2 - t1;
                    }
                }
                Arrays.sort(oursNanos);
                Arrays.sort(directNanos);
                double oursP50 = oursNanos[writes / 2] / 1e6;
                double directP50 = directNanos[writes / 2] / 1e6;
                double oursP95 = oursNanos[writes * 95 / 100] / 1e6;
                double directP95 = directNanos[writes * 95 / 100] / 1e6;
                LOG.infof(
                        "%nWritebackBench, %d writes each after %d warm-up, slapd on port %d:%n"
                                + "  sspr-ldap writePassword: p50 %.2f ms, p95 %.2f ms%n"
                                + "  direct UnboundID modify: p50 %.2f ms, p95 %.2f ms%n"
                                + "  p50 ratio %.2f (goal <= 2)%n",
                        writes, warmUp, slapd.port(), oursP50, oursP95, directP50, directP95, oursP50 / directP50);
            }
        }
    }
}
