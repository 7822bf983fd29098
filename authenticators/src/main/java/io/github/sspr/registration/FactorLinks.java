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
 * required action (WebAuthn Register, Configure OTP, Recovery codes) at the end of this one — never a second OTP or
 * WebAuthn implementation.
 */
final class FactorLinks {

    private FactorLinks() {}

    /**
     * Keycloak's own required actions that set up {@code factor}, preferred first: for a passkey, WebAuthn Register
     * Passwordless (a discoverable passkey), else WebAuthn Register (a security key or passkey as second factor).
     */
    static List<String> requiredActions(KeycloakFactor factor) {
        return switch (factor) {
            case PASSKEY -> List.of("webauthn-register-passwordless", "webauthn-register");
            case OTP -> List.of(UserModel.RequiredAction.CONFIGURE_TOTP.name());
            case RECOVERY_CODES -> List.of(UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES.name());
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
                    !registered && !queued && enabled(realm, factor).isPresent()));
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
        Optional<String> action =
                factor.isEmpty() || !policy.allows(factor.get().method())
                        ? Optional.empty()
                        : enabled(realm, factor.get());
        action.ifPresent(user::addRequiredAction);
        return action.isPresent();
    }

    /** Whether one of the factor's set-up actions is queued for the user. */
    static boolean queued(UserModel user, KeycloakFactor factor) {
        List<String> aliases = requiredActions(factor);
        return user.getRequiredActionsStream().anyMatch(aliases::contains);
    }

    /** The first of the factor's set-up actions the realm has enabled. */
    private static Optional<String> enabled(RealmModel realm, KeycloakFactor factor) {
        for (String alias : requiredActions(factor)) {
            RequiredActionProviderModel model = realm.getRequiredActionProviderByAlias(alias);
            if (model != null && model.isEnabled()) {
                return Optional.of(alias);
            }
        }
        return Optional.empty();
    }
}
