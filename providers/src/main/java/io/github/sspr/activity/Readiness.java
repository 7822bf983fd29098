package io.github.sspr.activity;

import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a user could reset their password by themselves today: the factors their registered methods prove, against
 * what the realm's policy allows and how many gates it asks for. Pure, so that the rule is tested without Keycloak.
 *
 * @param registered method ids the user has registered and the policy allows (e.g. {@code email}, {@code sms})
 * @param factors distinct factors those methods prove; SMS and voice reach one phone and count once
 * @param gatesRequired gates the policy asks of this user (privileged users get two)
 * @param ready whether the user has enough distinct factors for the gates
 */
public record Readiness(List<String> registered, List<String> factors, int gatesRequired, boolean ready) {

    /** Keycloak credential types of SSPR's recovery methods. */
    public static final String PHONE_CREDENTIAL = "sspr-recovery-phone";

    public static final String EMAIL_CREDENTIAL = "sspr-recovery-email";
    public static final String QUESTIONS_CREDENTIAL = "sspr-security-questions";

    /**
     * @param credentialTypes the types of the user's stored credentials
     * @param verifiedEmail whether the account's own email is verified (Keycloak's reset mail goes there)
     */
    public static Readiness of(SsprPolicy policy, Set<String> credentialTypes, boolean verifiedEmail) {
        Set<Method> have = EnumSet.noneOf(Method.class);
        if (verifiedEmail || credentialTypes.contains(EMAIL_CREDENTIAL)) {
            have.add(Method.EMAIL);
        }
        if (credentialTypes.contains(PHONE_CREDENTIAL)) {
            have.add(Method.SMS);
            have.add(Method.VOICE);
        }
        if (credentialTypes.contains(QUESTIONS_CREDENTIAL)) {
            have.add(Method.QUESTIONS);
        }
        have.removeIf(method -> !policy.allows(method));

        Set<String> registered = new TreeSet<>();
        Set<String> factors = new TreeSet<>();
        for (Method method : have) {
            registered.add(method.id());
            factors.add(method.factor().name().toLowerCase(Locale.ROOT));
        }
        int gates = policy.gatesRequired();
        return new Readiness(List.copyOf(registered), List.copyOf(factors), gates, factors.size() >= gates);
    }
}
