package io.github.sspr.access.rule;

import io.github.sspr.policy.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which methods can serve as the next reset gate, and whether a set of methods can pass the policy's gates at all. One
 * rule for real users and for the decoy path alike (docs/architecture.md, "Who may reset"):
 *
 * <ul>
 *   <li>two gates must prove two different factors — SMS and voice reach the same phone and count once;
 *   <li>security questions are never the only gate, nor the first gate when nothing else could follow them;
 *   <li>at least one gate proves something other than knowledge.
 * </ul>
 */
public final class Gates {

    private Gates() {}

    /**
     * The methods offered for the next gate: the user's Keycloak factors first (the strongest proof a user holds), then
     * the rest in the order of {@link Method}.
     *
     * @param available the methods this person can use (registered and allowed, or a decoy's made-up set)
     * @param passed the methods already passed in this flow
     * @param gatesRequired the gates the flow asks for
     */
    public static List<Method> offered(Collection<Method> available, List<Method> passed, int gatesRequired) {
        return offered(available, passed, gatesRequired, null);
    }

    /**
     * The methods offered for the next gate when {@code mustPass} (a passkey for a privileged user under {@code
     * privilegedPasskey}) must be among the gates passed: the last gate offers only it until it is passed.
     */
    public static List<Method> offered(
            Collection<Method> available, List<Method> passed, int gatesRequired, Method mustPass) {
        if (mustPass != null && !passed.contains(mustPass) && passed.size() + 1 >= gatesRequired) {
            return available.contains(mustPass) ? List.of(mustPass) : List.of();
        }
        Set<Method.Factor> used = EnumSet.noneOf(Method.Factor.class);
        passed.forEach(m -> used.add(m.factor()));
        boolean otherThanKnowledge = available.stream().anyMatch(m -> m.factor() != Method.Factor.KNOWLEDGE);
        List<Method> offered = new ArrayList<>();
        for (Method method : sorted(available)) {
            if (used.contains(method.factor())) {
                continue;
            }
            if (method == Method.QUESTIONS && (gatesRequired < 2 || (passed.isEmpty() && !otherThanKnowledge))) {
                continue;
            }
            offered.add(method);
        }
        return offered;
    }

    /**
     * Whether {@code method} may be a gate of a lost-authenticator recovery (docs/reset.md, "Lost authenticator"): only
     * what reaches the user through something they hold apart from the lost factor — the mailbox and the phone. Never
     * knowledge (questions), and never one of the user's authenticator-type factors (authenticator app, passkey,
     * recovery codes): the user picks which one is lost only after the gates, so any of them may be the lost one.
     */
    public static boolean factorResetGate(Method method) {
        return method.factor() != Method.Factor.KNOWLEDGE && !method.keycloakFactor();
    }

    /** Whether {@code available} can pass {@code gatesRequired} gates: distinct factors, never knowledge alone. */
    public static boolean canPass(Collection<Method> available, int gatesRequired) {
        Set<Method.Factor> factors = factors(available, gatesRequired);
        return factors.stream().anyMatch(f -> f != Method.Factor.KNOWLEDGE) && factors.size() >= gatesRequired;
    }

    /** The distinct factors {@code available} proves towards {@code gatesRequired} gates (questions need two). */
    public static Set<Method.Factor> factors(Collection<Method> available, int gatesRequired) {
        Set<Method.Factor> factors = EnumSet.noneOf(Method.Factor.class);
        for (Method m : available) {
            if (m == Method.QUESTIONS && gatesRequired < 2) {
                continue;
            }
            factors.add(m.factor());
        }
        return factors;
    }

    private static List<Method> sorted(Collection<Method> methods) {
        if (methods.isEmpty()) {
            return List.of();
        }
        List<Method> sorted = new ArrayList<>(EnumSet.copyOf(methods));
        sorted.sort(Comparator.comparing((Method m) -> !m.keycloakFactor()).thenComparing(Method::ordinal));
        return sorted;
    }
}
