package io.github.sspr.registration;

import io.github.sspr.credentials.KeycloakFactors;
import io.github.sspr.credentials.kinds.KeycloakFactor;
import io.github.sspr.policy.SsprPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;

/**
 * The user's own Keycloak factors on the registration page (docs/registration.md, "Keycloak factors"): which ones the
 * policy lets serve as reset gates, whether the user holds each, and a "Set up" that hands the user to Keycloak's own
 * required action (Configure OTP, Recovery codes) at the end of this one — never a second OTP implementation.
 */
final class FactorLinks {

    private FactorLinks() {}

    /** Keycloak's own required action that sets up {@code factor}. */
    static String requiredAction(KeycloakFactor factor) {
        return switch (factor) {
            case OTP -> UserModel.RequiredAction.CONFIGURE_TOTP.name();
            case RECOVERY_CODES -> UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES.name();
        };
    }

    /** One row per factor the policy allows: {@code id}, {@code registered}, {@code queued}, {@code canSetUp}. */
    static List<Map<String, Object>> views(RealmModel realm, UserModel user, SsprPolicy policy, KeycloakFactors held) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (KeycloakFactor factor : KeycloakFactor.values()) {
            if (!policy.allows(factor.method())) {
                continue;
            }
            boolean registered = held.has(factor);
            boolean queued = !registered && queued(user, factor);
            views.add(Map.of(
                    "id",
                    factor.method().id(),
                    "registered",
                    registered,
                    "queued",
                    queued,
                    "canSetUp",
                    !registered && !queued && enabled(realm, factor)));
        }
        return views;
    }

    /**
     * "Set up" for the factor of gate method {@code methodId}: Keycloak's own required action is added to the user, so
     * that Keycloak runs it when this page is done. Refused (false) for a factor the policy does not offer or the realm
     * has not enabled.
     */
    static boolean setUp(RealmModel realm, UserModel user, SsprPolicy policy, String methodId) {
        Optional<KeycloakFactor> factor = io.github.sspr.policy.Method.fromId(methodId == null ? "" : methodId)
                .flatMap(KeycloakFactor::of);
        if (factor.isEmpty() || !policy.allows(factor.get().method()) || !enabled(realm, factor.get())) {
            return false;
        }
        user.addRequiredAction(requiredAction(factor.get()));
        return true;
    }

    private static boolean queued(UserModel user, KeycloakFactor factor) {
        String alias = requiredAction(factor);
        return user.getRequiredActionsStream().anyMatch(alias::equals);
    }

    private static boolean enabled(RealmModel realm, KeycloakFactor factor) {
        RequiredActionProviderModel model = realm.getRequiredActionProviderByAlias(requiredAction(factor));
        return model != null && model.isEnabled();
    }
}
