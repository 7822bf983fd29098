package io.github.sspr.ldap;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the directory server says it supports (its root DSE), read once per connection pool when first needed and kept
 * with the pool (a new pool, after a settings change, reads again). Today: which password-policy-hints control an
 * Active Directory takes, if any. Windows Server 2012 and later advertise {@link AdPasswords#POLICY_HINTS_OID}, 2008 R2
 * only the deprecated OID, Samba neither: sending a critical control that the server does not know fails every reset
 * with unavailableCriticalExtension, and sending none silently skips the history check — so we ask.
 */
final class DirectoryCapabilities {

    private static final Logger LOG = Logger.getLogger(DirectoryCapabilities.class);

    private final String componentName;

    /** {@code null} until read; then the OID to send, or empty when the server supports neither. */
    private volatile Optional<String> policyHintsOid;

    /** @param componentName for the log line, never a secret */
    DirectoryCapabilities(String componentName) {
        this.componentName = componentName;
    }

    /** The policy-hints control OID the server supports, reading the root DSE on first use. */
    Optional<String> policyHintsOid(LDAPConnectionPool pool) throws LDAPException {
        Optional<String> known = policyHintsOid;
        if (known != null) {
            return known;
        }
        RootDSE root = pool.getRootDSE();
        if (root == null) {
            // Not readable (yet): send none this time, ask again next time.
            return Optional.empty();
        }
        known = policyHintsOid(root);
        if (known.isEmpty()) {
            LOG.warnf(
                    "sspr-ldap %s: the directory does not offer the password-policy-hints control; it will not apply "
                            + "its password history or minimum age to resets",
                    componentName);
        }
        policyHintsOid = known;
        return known;
    }

    /** The current OID if the root DSE lists it, else the deprecated one if listed, else none. */
    static Optional<String> policyHintsOid(RootDSE root) {
        if (root.supportsControl(AdPasswords.POLICY_HINTS_OID)) {
            return Optional.of(AdPasswords.POLICY_HINTS_OID);
        }
        if (root.supportsControl(AdPasswords.POLICY_HINTS_DEPRECATED_OID)) {
            return Optional.of(AdPasswords.POLICY_HINTS_DEPRECATED_OID);
        }
        return Optional.empty();
    }
}
