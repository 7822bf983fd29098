package io.github.sspr.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Active Directory answers a refused password with {@code 0000052D}, which names no rule: this reads the user's
 * effective policy (a fine-grained PSO or the domain's, and {@code pwdLastSet}) so that the refusal can say which rule
 * it was (docs/writeback.md, "Active Directory").
 */
final class AdPolicyReader {

    /** A user's effective AD password policy, with what the diagnosis needs from the user entry. */
    public record AdUserPolicy(AdPasswordPolicy policy, String username, Instant pwdLastSet) {}

    private final LDAPConnectionPool pool;
    private final String usernameAttribute;

    AdPolicyReader(LDAPConnectionPool pool, String usernameAttribute) {
        this.pool = pool;
        this.usernameAttribute = usernameAttribute;
    }

    /** AD says only 0000052D: read the effective policy and tell which rule it was (best effort). */
    DirectoryException explain(String dn, String password, boolean policyHintsSent, DirectoryException refusal) {
        if (refusal.failure() != DirectoryFailure.PASSWORD_POLICY) {
            return refusal;
        }
        try {
            AdUserPolicy policy = read(dn);
            AdPasswordPolicy.Diagnosis diagnosis = policy.policy()
                    .diagnose(password, policy.username(), policy.pwdLastSet(), Instant.now(), policyHintsSent);
            return new DirectoryException(
                    diagnosis.failure(),
                    refusal.rawCode() + " rule=" + diagnosis.rule(),
                    diagnosis.retryAfter(),
                    refusal.getCause());
        } catch (DirectoryException e) {
            // e.g. a fine-grained policy the service account may not read: say which rule is unknown, and why.
            return new DirectoryException(
                    refusal.failure(), refusal.rawCode() + " rule=unknown (" + e.rawCode() + ")", refusal.getCause());
        } catch (RuntimeException e) {
            return refusal;
        }
    }

    /**
     * Reads the policy that applies to {@code dn}: the fine-grained PSO named by msDS-ResultantPSO, else the domain's
     * (the root DSE's defaultNamingContext, or the DN's trailing dc= components).
     */
    AdUserPolicy read(String dn) throws DirectoryException {
        try {
            SearchResultEntry user = pool.getEntry(dn, "msDS-ResultantPSO", "pwdLastSet", usernameAttribute);
            if (user == null) {
                throw new DirectoryException(DirectoryFailure.NO_SUCH_USER, "ldap=32", null);
            }
            String username = user.getAttributeValue(usernameAttribute);
            Instant pwdLastSet = AdPasswordPolicy.filetime(user.getAttributeValue("pwdLastSet"));
            String pso = user.getAttributeValue("msDS-ResultantPSO");
            AdPasswordPolicy policy = pso != null ? psoPolicy(pso) : domainPolicy(dn);
            return new AdUserPolicy(policy, username, pwdLastSet);
        } catch (LDAPException e) {
            throw LdapErrors.readFailure(e);
        }
    }

    private AdPasswordPolicy psoPolicy(String pso) throws LDAPException, DirectoryException {
        SearchResultEntry e = pool.getEntry(
                pso,
                "msDS-MinimumPasswordLength",
                "msDS-PasswordHistoryLength",
                "msDS-MinimumPasswordAge",
                "msDS-PasswordComplexityEnabled");
        if (e == null || !e.hasAttribute("msDS-MinimumPasswordLength")) {
            // AD lets only Domain Admins read password settings objects unless granted (docs/writeback.md): the
            // domain's policy does not apply to this user, so guessing from it would mislead.
            throw new DirectoryException(DirectoryFailure.OTHER, "pso=unreadable", null);
        }
        return new AdPasswordPolicy(
                intValue(e, "msDS-MinimumPasswordLength"),
                intValue(e, "msDS-PasswordHistoryLength"),
                AdPasswordPolicy.interval(e.getAttributeValue("msDS-MinimumPasswordAge")),
                "TRUE".equalsIgnoreCase(e.getAttributeValue("msDS-PasswordComplexityEnabled")));
    }

    private AdPasswordPolicy domainPolicy(String dn) throws LDAPException {
        SearchResultEntry e =
                pool.getEntry(domainDn(dn), "minPwdLength", "pwdHistoryLength", "minPwdAge", "pwdProperties");
        return new AdPasswordPolicy(
                intValue(e, "minPwdLength"),
                intValue(e, "pwdHistoryLength"),
                AdPasswordPolicy.interval(e.getAttributeValue("minPwdAge")),
                (intValue(e, "pwdProperties") & 1) != 0);
    }

    private String domainDn(String dn) throws LDAPException {
        RootDSE root = pool.getRootDSE();
        String context = root == null ? null : root.getAttributeValue("defaultNamingContext");
        if (context != null) {
            return context;
        }
        List<RDN> dcs = new ArrayList<>();
        for (RDN rdn : new DN(dn).getRDNs()) {
            if (rdn.hasAttribute("dc")) {
                dcs.add(rdn);
            } else {
                dcs.clear();
            }
        }
        return new DN(dcs).toString();
    }

    private static int intValue(SearchResultEntry entry, String attribute) {
        if (entry == null) {
            return 0;
        }
        Integer value = entry.getAttributeValueAsInteger(attribute);
        return value == null ? 0 : value;
    }
}
