package io.github.sspr.reset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

/**
 * The realm's password policy as a person reads it: the rules shown before they type (with what the browser can check
 * live), and every rule a password breaks — Keycloak's own check stops at the first.
 *
 * <p>The policy is checked once per new password (docs/password-rules.md): {@link #beforeWrite} checks the rules that
 * look only at the typed password, and leaves the rules that compare it with stored passwords (history, age: one
 * password hash per stored password) to Keycloak's own check inside {@code updateCredential}, whose refusal {@link
 * #refused} turns into the same per-rule message. Only when a cheap rule already fails are the stored-password rules
 * run here too, so that the page still lists every broken rule — and then nothing is written, so they still run once.
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

    /**
     * Rules that verify the password against the user's stored passwords (a password hash each): Keycloak's {@code
     * passwordHistory} and {@code passwordAge}.
     */
    private static final Set<String> STORED_PASSWORD_RULES =
            Set.of(PasswordPolicy.PASSWORD_HISTORY_ID, PasswordPolicy.PASSWORD_AGE);

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

    /**
     * The check before a password is written: empty when every rule that looks only at the typed password passes (the
     * write then runs the whole policy once, {@link #refused} maps its answer); otherwise every rule the password
     * breaks, stored-password rules included, each as its own message.
     */
    public static List<FormMessage> beforeWrite(
            KeycloakSession session, RealmModel realm, UserModel user, String password) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        if (policy == null) {
            return List.of();
        }
        List<FormMessage> cheap = broken(session, realm, user, password, false);
        if (cheap.isEmpty()) {
            return cheap;
        }
        return broken(session, realm, user, password, true);
    }

    /**
     * The message for a write that {@code updateCredential} refused: Keycloak's policy check (a stored-password rule)
     * or a directory's refusal (sspr-ldap's per-rule keys) — each names its rule by its message key.
     */
    public static FormMessage refused(ModelException e) {
        return new FormMessage("password-new", e.getMessage(), e.getParameters());
    }

    /** Whether a rule compares the password with stored ones, paying a password hash per stored password. */
    static boolean readsStoredPasswords(String id) {
        return STORED_PASSWORD_RULES.contains(id);
    }

    /**
     * Every rule of the realm's policy that {@code password} breaks, each as its own message, in the policy's order.
     *
     * @param storedPasswordRules whether the rules that verify the password against stored ones run too
     */
    private static List<FormMessage> broken(
            KeycloakSession session, RealmModel realm, UserModel user, String password, boolean storedPasswordRules) {
        List<FormMessage> errors = new ArrayList<>();
        for (String id : realm.getPasswordPolicy().getPolicies()) {
            if (!storedPasswordRules && readsStoredPasswords(id)) {
                continue;
            }
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
