package io.github.sspr.access.rule;

import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one answer to "which policy applies to this user, which methods may they use, can they reset, and what must they
 * register" (docs/architecture.md, "Who may reset"). Pure: {@code io.github.sspr.access.PolicyForUser} gathers the
 * {@link Facts} from Keycloak and every face — the reset flow, registration, the readiness report, helpdesk
 * verification, admin reset — asks it, so that they cannot disagree.
 *
 * <p>The rule, in order: the realm's policy; group enablement; the privileged-user policy (two gates, never security
 * questions, and with {@link SsprPolicy#privilegedPasskey()} a passkey among them); then the methods the user has registered and the policy lets them use (a phone only in an allowed
 * country). The account's own email is not a recovery method: it is what a breached password already reaches.
 *
 * @param policy the policy in effect for this user (privileged users get the stricter one)
 * @param enabled whether self-service reset is switched on for this user (realm setting and group)
 * @param privileged whether the user holds an administrative role
 * @param usable each method the user may use as a gate, with its last registration or confirmation (epoch millis)
 * @param reason {@link Reason#READY}, or why the user cannot reset
 */
public record ResetAccess(
        SsprPolicy policy, boolean enabled, boolean privileged, Map<Method, Long> usable, Reason reason) {

    /** Why a user can or cannot reset. */
    public enum Reason {
        READY,
        /** Self-service reset is off for this user (realm or group). */
        NOT_ENABLED,
        /** Nothing registered (the account's own email does not count). */
        NO_METHOD,
        /**
         * Recovery methods registered, but the policy lets the user use none of them: the method is switched off, or
         * the phone is in a country the policy does not allow.
         */
        METHODS_BLOCKED,
        /** Fewer distinct factors than the policy's gates. */
        TOO_FEW_FACTORS,
        /** A privileged user without the two distinct, non-question factors their policy asks. */
        PRIVILEGED_TOO_FEW,
        /**
         * A privileged user without a passkey, when the policy asks privileged users to pass one ({@link
         * SsprPolicy#privilegedPasskey()}).
         */
        PRIVILEGED_NO_PASSKEY;

        /** {@code ready}, {@code not-enabled}, {@code no-method}, {@code methods-blocked},
         * {@code too-few-factors}, {@code privileged-too-few}, {@code privileged-no-passkey}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What the user must do at sign-in. */
    public enum Need {
        NONE,
        /** Register more methods. */
        REGISTER,
        /** Confirm that the registered methods are still right. */
        RECONFIRM
    }

    /**
     * What the rule needs to know about one user.
     *
     * @param enabled SSPR is on for the user (the realm's setting and, with group enablement, membership)
     * @param privileged the user holds an administrative role
     * @param held each method the user holds a readable credential for (a phone gives SMS and voice), with its last
     *     registration or confirmation time
     * @param phoneRegion the registered phone's country (ISO 3166 alpha-2), or {@code null}
     */
    public record Facts(boolean enabled, boolean privileged, Map<Method, Long> held, String phoneRegion) {
        public Facts {
            held = held.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(held));
        }
    }

    private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    public ResetAccess {
        Objects.requireNonNull(policy, "policy");
        usable = usable.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(usable));
        Objects.requireNonNull(reason, "reason");
    }

    /** The policy that applies to a user: privileged users always need two gates and are never asked questions. */
    public static SsprPolicy effective(SsprPolicy realmPolicy, boolean privileged) {
        if (!privileged) {
            return realmPolicy;
        }
        // An admin account is worth a targeted attack, and answers about one's past are the easiest secret to research.
        Set<Method> methods = EnumSet.noneOf(Method.class);
        methods.addAll(realmPolicy.methods());
        methods.remove(Method.QUESTIONS);
        // Not validated: a realm policy that is valid for ordinary users (e.g. email only, one gate) gives privileged
        // users a policy they cannot meet — which is the point (they are told to register more), never an error.
        return realmPolicy.toBuilder().gatesRequired(2).methods(methods).unchecked();
    }

    /**
     * The policy of a lost-authenticator recovery for a user whose reset policy is {@code effective} (docs/reset.md,
     * "Lost authenticator"): only the gates {@link Gates#factorResetGate} allows, as many as the policy's
     * {@link SsprPolicy#factorResetGates()} — or the reset's own gates, when those are more (privileged users: 2), since
     * the recovery leaves the password as it is and so must not be easier to pass than a reset.
     */
    public static SsprPolicy factorResetPolicy(SsprPolicy effective) {
        Set<Method> methods = EnumSet.noneOf(Method.class);
        effective.methods().stream().filter(Gates::factorResetGate).forEach(methods::add);
        return effective.toBuilder()
                .methods(methods)
                .gatesRequired(Math.max(effective.factorResetGates(), effective.gatesRequired()))
                .unchecked();
    }

    /**
     * This user's answer for a lost-authenticator recovery: the same facts under {@link #factorResetPolicy}. A user who
     * cannot meet it walks the decoy path of that mode, like a user who cannot reset.
     */
    public ResetAccess factorReset() {
        SsprPolicy recovery = factorResetPolicy(policy);
        Map<Method, Long> left = new EnumMap<>(Method.class);
        usable.forEach((method, confirmedAt) -> {
            if (recovery.allows(method)) {
                left.put(method, confirmedAt);
            }
        });
        Reason why;
        if (!enabled) {
            why = Reason.NOT_ENABLED;
        } else if (left.isEmpty()) {
            // As for a reset: a Keycloak factor was never registered for recovery, so holding only those is no method.
            boolean registered = usable.keySet().stream().anyMatch(method -> !method.keycloakFactor());
            why = registered || reason == Reason.METHODS_BLOCKED ? Reason.METHODS_BLOCKED : Reason.NO_METHOD;
        } else if (!Gates.canPass(left.keySet(), recovery.gatesRequired())) {
            why = privileged ? Reason.PRIVILEGED_TOO_FEW : Reason.TOO_FEW_FACTORS;
        } else {
            why = Reason.READY;
        }
        return new ResetAccess(recovery, enabled, privileged, left, why);
    }

    /** The rule. */
    public static ResetAccess decide(SsprPolicy realmPolicy, Facts facts) {
        SsprPolicy policy = effective(realmPolicy, facts.privileged());
        Map<Method, Long> usable = new EnumMap<>(Method.class);
        facts.held().forEach((method, confirmedAt) -> {
            if (mayUse(policy, method, facts.phoneRegion())) {
                usable.put(method, confirmedAt);
            }
        });
        Reason reason;
        if (!facts.enabled()) {
            reason = Reason.NOT_ENABLED;
        } else if (usable.isEmpty()) {
            // A Keycloak factor the policy does not use is not a blocked recovery method: it was never registered
            // for recovery, so a user holding only such factors has no method.
            boolean registered = facts.held().keySet().stream().anyMatch(method -> !method.keycloakFactor());
            reason = registered ? Reason.METHODS_BLOCKED : Reason.NO_METHOD;
        } else if (mustPass(policy, facts.privileged()) != null && !usable.containsKey(Method.PASSKEY)) {
            // Told before "too few": a passkey is what is missing, and with it a privileged user has two factors.
            reason = Reason.PRIVILEGED_NO_PASSKEY;
        } else if (!Gates.canPass(usable.keySet(), policy.gatesRequired())) {
            reason = facts.privileged() ? Reason.PRIVILEGED_TOO_FEW : Reason.TOO_FEW_FACTORS;
        } else {
            reason = Reason.READY;
        }
        return new ResetAccess(policy, facts.enabled(), facts.privileged(), usable, reason);
    }

    /**
     * The method this user must pass among their gates, or {@code null}: a passkey for a privileged user when the policy
     * asks it (a phishing-resistant gate), else none.
     */
    public Method mustPass() {
        return mustPass(policy, privileged);
    }

    private static Method mustPass(SsprPolicy policy, boolean privileged) {
        return privileged && policy.privilegedPasskey() ? Method.PASSKEY : null;
    }

    /** Whether {@code policy} lets a user use {@code method} (a phone method only in an allowed country). */
    public static boolean mayUse(SsprPolicy policy, Method method, String phoneRegion) {
        return policy.allows(method)
                && (method.factor() != Method.Factor.PHONE || policy.allowsPhoneCountry(phoneRegion));
    }

    /** Whether the user can reset by themselves now. */
    public boolean canReset() {
        return reason == Reason.READY;
    }

    public int gatesRequired() {
        return policy.gatesRequired();
    }

    /** The methods the user may use as gates. */
    public Set<Method> methods() {
        return usable.keySet();
    }

    /** The distinct factors those methods prove towards the user's gates. */
    public Set<Method.Factor> factors() {
        return Gates.factors(usable.keySet(), policy.gatesRequired());
    }

    /**
     * What registration asks of the user at {@code now}: more methods when they cannot reset, a confirmation when the
     * oldest usable method was confirmed {@link SsprPolicy#reconfirmDays()} days ago or earlier, else nothing. Nothing
     * either when the policy does not require registration or SSPR is off for the user.
     */
    public Need need(long now) {
        if (!policy.requireRegistration() || !enabled) {
            return Need.NONE;
        }
        if (!canReset()) {
            return Need.REGISTER;
        }
        if (policy.reconfirmDays() > 0) {
            // Keycloak's own factors are not re-confirmed here: Keycloak registers and manages them.
            long oldest = usable.entrySet().stream()
                    .filter(e -> !e.getKey().keycloakFactor())
                    .mapToLong(Map.Entry::getValue)
                    .min()
                    .orElse(Long.MAX_VALUE);
            if (oldest != Long.MAX_VALUE && now >= oldest + policy.reconfirmDays() * DAY_MILLIS) {
                return Need.RECONFIRM;
            }
        }
        return Need.NONE;
    }
}
