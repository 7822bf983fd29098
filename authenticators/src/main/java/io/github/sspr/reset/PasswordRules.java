package io.github.sspr.reset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

/**
 * The realm's password policy as a person reads it: the rules shown before they type (with what the browser can check
 * live), and every rule a password breaks — Keycloak's own check stops at the first.
 */
public final class PasswordRules {

    /** Rules a browser can check as the person types (the page's script knows them by these ids). */
    private static final Set<String> LIVE = Set.of(
            "length",
            "maxLength",
            "digits",
            "lowerCase",
            "upperCase",
            "specialChars",
            "notUsername",
            "notEmail",
            "notContainsUsername");

    /** Rules that say something to a person, in the order they are listed. */
    private static final List<String> SHOWN = List.of(
            "length",
            "maxLength",
            "lowerCase",
            "upperCase",
            "digits",
            "specialChars",
            "notUsername",
            "notContainsUsername",
            "notEmail",
            "passwordHistory",
            "passwordAge",
            "passwordBlacklist",
            "regexPattern");

    private PasswordRules() {}

    /** Views for the page: id, message key, its parameter, and whether the checklist checks it live. */
    public static List<Map<String, Object>> describe(RealmModel realm) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        List<Map<String, Object>> rules = new ArrayList<>();
        if (policy == null) {
            return rules;
        }
        Set<String> ids = policy.getPolicies();
        for (String id : SHOWN) {
            if (!ids.contains(id)) {
                continue;
            }
            Object value = policy.getPolicyConfig(id);
            Map<String, Object> rule = new HashMap<>();
            rule.put("id", id);
            rule.put("key", "sspr.reset.rule." + id);
            rule.put("value", value == null ? "" : String.valueOf(value));
            rule.put("live", LIVE.contains(id));
            rules.add(rule);
        }
        return rules;
    }

    /** Every rule of the realm's policy that {@code password} breaks, each as its own message (empty when it passes). */
    public static List<FormMessage> broken(KeycloakSession session, RealmModel realm, UserModel user, String password) {
        List<FormMessage> errors = new ArrayList<>();
        PasswordPolicy policy = realm.getPasswordPolicy();
        if (policy == null) {
            return errors;
        }
        for (String id : policy.getPolicies()) {
            PasswordPolicyProvider provider = session.getProvider(PasswordPolicyProvider.class, id);
            if (provider == null) {
                continue;
            }
            PolicyError error = provider.validate(realm, user, password);
            if (error != null) {
                errors.add(new FormMessage("password-new", error.getMessage(), error.getParameters()));
            }
        }
        return errors;
    }
}
