package io.github.sspr.reset.machine;

import io.github.sspr.access.rule.ResetAccess;

/**
 * Who walks the real path of the reset and who the decoy path (docs/architecture.md, "Anti-enumeration"): everyone the
 * policy-for-user rule lets reset, and nobody else. The cause goes into the event only; the pages are the same.
 */
public final class IdentifyRule {

    private IdentifyRule() {}

    /**
     * Why the typed name walks the decoy path, or {@code null} for the real one.
     *
     * @param access the rule's answer for the account, or {@code null} when no account has the name
     * @param accountEnabled whether the account is enabled in Keycloak
     * @param unlockable whether a disabled account may still reset (brute-force lockout that a reset lifts)
     */
    public static String decoyCause(ResetAccess access, boolean accountEnabled, boolean unlockable) {
        if (access == null) {
            return "unknown";
        }
        if (!access.enabled()) {
            return "not-enabled";
        }
        if (!accountEnabled && !unlockable) {
            return "disabled";
        }
        if (!access.canReset()) {
            return "unregistered";
        }
        return null;
    }
}
