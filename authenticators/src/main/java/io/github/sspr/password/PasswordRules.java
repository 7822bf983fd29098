package io.github.sspr.password;

import io.github.sspr.branding.LoginMessages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
 * <p>The policy is checked once per new password (docs/password-rules.md): {@link #check} checks the rules that look
 * only at the typed password, and leaves the rules that compare it with stored passwords (history, age: one password
 * hash per stored password) to Keycloak's own check inside {@code updateCredential}, whose refusal {@link #refused}
 * turns into the same checklist mark. Only when a cheap rule already fails are the stored-password rules run here too,
 * so that the page still marks every broken rule — and then nothing is written, so they still run once.
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

    private static final String FIELD = "password-new";

    /**
     * Rules that verify the password against the user's stored passwords (a password hash each): Keycloak's {@code
     * passwordHistory} and {@code passwordAge}.
     */
    private static final Set<String> STORED_PASSWORD_RULES =
            Set.of(PasswordPolicy.PASSWORD_HISTORY_ID, PasswordPolicy.PASSWORD_AGE);

    /** Keycloak's message keys of the stored-password rules, as its own check in the write throws them. */
    private static final Map<String, String> STORED_PASSWORD_MESSAGES = Map.of(
            "invalidPasswordHistoryMessage", PasswordPolicy.PASSWORD_HISTORY_ID,
            "invalidPasswordGenericMessage", PasswordPolicy.PASSWORD_AGE);

    private PasswordRules() {}

    /** Rules whose number is a count of things, worded with the language's plural forms: needs a real number. */
    private static final Set<String> COUNTED = Set.of(
            "length",
            "maxLength",
            "lowerCase",
            "upperCase",
            "digits",
            "specialChars",
            "passwordHistory",
            "passwordAge");

    /** The one error shown when rules of the checklist are broken; the checklist marks which (in its own words). */
    public static final String RULES_BROKEN = "sspr.reset.error.rulesBroken";

    /**
     * What a password breaks.
     *
     * @param rules the ids of the checklist's rules it breaks, for the checklist to mark and the event to name
     * @param errors what the page says: once, {@link #RULES_BROKEN}, for the checklist's rules, and Keycloak's own
     *     message only for a rule the checklist does not word (a custom policy provider)
     */
    public record Verdict(Set<String> rules, List<FormMessage> errors) {

        public boolean passes() {
            return errors.isEmpty();
        }

        /** For the event's reason: the rule ids, then any foreign message keys. */
        public String reason() {
            List<String> parts = new ArrayList<>(rules);
            errors.stream()
                    .map(FormMessage::getMessage)
                    .filter(key -> !RULES_BROKEN.equals(key))
                    .forEach(parts::add);
            return String.join(",", parts);
        }
    }

    /**
     * Views for the page: id, text (worded here, with a real number, because a template cannot hand a plural pattern
     * one), value for the live check, whether it is checked live, and whether the server found it broken.
     */
    public static List<Map<String, Object>> describe(RealmModel realm, LoginMessages messages, Set<String> broken) {
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
            String text = value == null ? "" : String.valueOf(value);
            Map<String, Object> rule = new HashMap<>();
            rule.put("id", id);
            rule.put("text", messages.format("sspr.reset.rule." + id, argument(id, text)));
            rule.put("value", text);
            rule.put("live", LIVE.contains(id));
            rule.put("broken", broken.contains(id));
            rules.add(rule);
        }
        return rules;
    }

    /** A counted rule's number as a number (a plural pattern refuses text); anything else as it is. */
    static Object argument(String id, String value) {
        if (COUNTED.contains(id)) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    /**
     * The check before a password is written: passes when every rule that looks only at the typed password passes (the
     * write then runs the whole policy once, and {@link #refused} reads its answer); otherwise every rule the password
     * breaks, stored-password rules included.
     */
    public static Verdict check(KeycloakSession session, RealmModel realm, UserModel user, String password) {
        Verdict cheap = check(session, realm, user, password, false);
        return cheap.passes() ? cheap : check(session, realm, user, password, true);
    }

    /**
     * What a write that {@code updateCredential} refused says: Keycloak's own check (a stored-password rule, marked on
     * the checklist) or a directory's refusal (sspr-ldap's per-rule keys, said as they are).
     */
    public static Verdict refused(ModelException e) {
        String rule = STORED_PASSWORD_MESSAGES.get(e.getMessage());
        if (rule != null) {
            return new Verdict(Set.of(rule), List.of(new FormMessage(FIELD, RULES_BROKEN)));
        }
        return new Verdict(Set.of(), List.of(new FormMessage(FIELD, e.getMessage(), e.getParameters())));
    }

    /** Whether a rule compares the password with stored ones, paying a password hash per stored password. */
    static boolean readsStoredPasswords(String id) {
        return STORED_PASSWORD_RULES.contains(id);
    }

    /** The rules {@code password} breaks (Keycloak's own check stops at the first), stored-password rules or not. */
    private static Verdict check(
            KeycloakSession session, RealmModel realm, UserModel user, String password, boolean storedPasswordRules) {
        Set<String> rules = new LinkedHashSet<>();
        List<FormMessage> foreign = new ArrayList<>();
        PasswordPolicy policy = realm.getPasswordPolicy();
        if (policy != null) {
            for (String id : policy.getPolicies()) {
                if (!storedPasswordRules && readsStoredPasswords(id)) {
                    continue;
                }
                PasswordPolicyProvider provider = session.getProvider(PasswordPolicyProvider.class, id);
                if (provider == null) {
                    continue;
                }
                PolicyError error = provider.validate(realm, user, password);
                if (error == null) {
                    continue;
                }
                if (SHOWN.contains(id)) {
                    rules.add(id);
                } else {
                    foreign.add(new FormMessage(FIELD, error.getMessage(), error.getParameters()));
                }
            }
        }
        List<FormMessage> errors = new ArrayList<>();
        if (!rules.isEmpty()) {
            errors.add(new FormMessage(FIELD, RULES_BROKEN));
        }
        errors.addAll(foreign);
        return new Verdict(rules, errors);
    }
}
