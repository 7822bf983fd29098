package io.github.sspr.credentials;

import io.github.sspr.policy.SsprPolicy;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;

/**
 * What a user has registered, and whether the policy asks for more (DESIGN §3, "Registration"): fewer registered
 * methods than the policy's gates means registration is due; a registration older than the re-confirmation period means
 * confirmation is due. Only methods the policy allows count, and SMS and voice (one phone) count once.
 *
 * <p>Runs at every sign-in, so it only reads the user's stored credentials: no network, no hashing.
 */
public final class RecoveryMethods {

    private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    /** What the user must do before signing in. */
    public enum Need {
        NONE,
        /** Register more methods. */
        REGISTER,
        /** Confirm that the registered methods are still right. */
        RECONFIRM
    }

    private RecoveryMethods() {}

    /** The user's recovery credentials by kind (the newest one when, unusually, there are several). */
    public static Map<RecoveryCredential, CredentialModel> of(UserModel user) {
        Map<RecoveryCredential, CredentialModel> found = new EnumMap<>(RecoveryCredential.class);
        user.credentialManager()
                .getStoredCredentialsStream()
                .forEach(c -> RecoveryCredential.ofType(c.getType())
                        .ifPresent(kind -> found.merge(kind, c, (a, b) -> created(b) > created(a) ? b : a)));
        return found;
    }

    /** Each registered kind with its last confirmation time. */
    public static Map<RecoveryCredential, Long> confirmations(Map<RecoveryCredential, CredentialModel> registered) {
        Map<RecoveryCredential, Long> times = new EnumMap<>(RecoveryCredential.class);
        registered.forEach((kind, model) -> times.put(kind, kind.confirmedAt(model)));
        return times;
    }

    /** The kinds a user may register under {@code policy} (the privileged user's effective policy, if so). */
    public static Set<RecoveryCredential> offered(SsprPolicy policy) {
        Set<RecoveryCredential> kinds = EnumSet.noneOf(RecoveryCredential.class);
        for (RecoveryCredential kind : RecoveryCredential.values()) {
            if (kind.methods().stream().anyMatch(policy::allows)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** How many different factors of the allowed methods the user has registered. */
    public static int usableFactors(SsprPolicy policy, Set<RecoveryCredential> registered) {
        Set<Object> factors = new HashSet<>();
        for (RecoveryCredential kind : registered) {
            if (offered(policy).contains(kind)) {
                factors.add(kind.factor());
            }
        }
        return factors.size();
    }

    /** Whether the user's registration satisfies the policy's number of gates. */
    public static boolean enough(SsprPolicy policy, Set<RecoveryCredential> registered) {
        return usableFactors(policy, registered) >= policy.gatesRequired();
    }

    /**
     * What {@code policy} asks of a user with these registrations at {@code now}.
     *
     * @param policy the policy in effect for the user ({@link SsprPolicy#effectiveFor})
     * @param confirmedAt each registered kind with its last confirmation (epoch millis)
     */
    public static Need need(SsprPolicy policy, Map<RecoveryCredential, Long> confirmedAt, long now) {
        if (!policy.requireRegistration()) {
            return Need.NONE;
        }
        if (!enough(policy, confirmedAt.keySet())) {
            return Need.REGISTER;
        }
        if (policy.reconfirmDays() > 0) {
            long oldest = Long.MAX_VALUE;
            for (Map.Entry<RecoveryCredential, Long> e : confirmedAt.entrySet()) {
                if (offered(policy).contains(e.getKey())) {
                    oldest = Math.min(oldest, e.getValue());
                }
            }
            // Due at exactly N days after the oldest confirmation of a method that counts.
            if (oldest != Long.MAX_VALUE && now >= oldest + policy.reconfirmDays() * DAY_MILLIS) {
                return Need.RECONFIRM;
            }
        }
        return Need.NONE;
    }

    private static long created(CredentialModel model) {
        return model.getCreatedDate() == null ? 0 : model.getCreatedDate();
    }
}
