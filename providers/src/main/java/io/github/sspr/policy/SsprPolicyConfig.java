package io.github.sspr.policy;

import io.github.sspr.credentials.questions.QuestionBank;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.Constants;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The SSPR policy's configuration keys, declared once here with their types, defaults and help texts
 * ({@link #metadata()}), and read once into a typed {@link SsprPolicy} ({@link #read}). The values live in the realm's
 * policy component ({@code MultivaluedHashMap<String, String>}); list values may be given as several values or as one
 * value joined with {@code ##}, the admin console's form.
 */
public final class SsprPolicyConfig {

    private static final Logger LOG = Logger.getLogger(SsprPolicyConfig.class);

    public static final String ENABLED = "enabled";
    public static final String ENABLED_GROUP = "enabledGroup";
    public static final String METHODS = "methods";
    public static final String GATES_REQUIRED = "gatesRequired";
    public static final String QUESTIONS_TO_REGISTER = "questionsToRegister";
    public static final String QUESTIONS_TO_ANSWER = "questionsToAnswer";
    public static final String OFFERED_QUESTIONS = "offeredQuestions";
    public static final String CUSTOM_QUESTIONS = "customQuestions";
    public static final String REQUIRE_REGISTRATION = "requireRegistration";
    public static final String RECONFIRM_DAYS = "reconfirmDays";
    public static final String HELPDESK_LINK = "helpdeskLink";
    public static final String ORG_NAME = "orgName";
    public static final String LOGO_URL = "logoUrl";
    public static final String PRIMARY_COLOR = "primaryColor";
    public static final String PHONE_COUNTRIES = "phoneCountries";
    public static final String CODE_LIFETIME_MINUTES = "codeLifetimeMinutes";
    public static final String ADMIN_RESET_LINK_MINUTES = "adminResetLinkMinutes";
    public static final String UNLOCK_ON_RESET = "unlockOnReset";
    public static final String SIGN_OUT_OTHER_SESSIONS = "signOutOtherSessions";
    public static final String CONFIRM_PHONE_NUMBER = "confirmPhoneNumber";
    public static final String SELF_SERVICE_UNLOCK = "selfServiceUnlock";
    public static final String NOTIFY_USER = "notifyUser";
    public static final String NOTIFY_ADMINS = "notifyAdmins";
    public static final String NOTIFY_USER_MANAGERS = "notifyUserManagers";
    public static final String ADMIN_RESET_HELPDESK_MINUTES = "adminResetHelpdeskMinutes";

    static final int MAX_ADMIN_RESET_HELPDESK_MINUTES = 1440;

    /** One gate by default, as Keycloak's own reset; privileged users always get two. */
    static final int DEFAULT_GATES = 1;

    static final int DEFAULT_QUESTIONS = 3;
    static final int DEFAULT_RECONFIRM_DAYS = 180;
    static final int DEFAULT_CODE_LIFETIME_MINUTES = 5;
    /** An hour: long enough for a user to find the mail after a helpdesk call, short enough to expire the same day. */
    static final int DEFAULT_ADMIN_RESET_LINK_MINUTES = 60;

    static final int MIN_ADMIN_RESET_LINK_MINUTES = 5;
    static final int MAX_ADMIN_RESET_LINK_MINUTES = 1440;

    private SsprPolicyConfig() {}

    /** The policy component's configuration form. */
    public static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(ENABLED)
                .label("Self-service password reset")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options("all", "group", "off")
                .defaultValue("all")
                .helpText("Who may reset their password themselves: every user, members of one group, or nobody.")
                .add()
                .property()
                .name(ENABLED_GROUP)
                .label("Group")
                .type(ProviderConfigProperty.GROUP_TYPE)
                .helpText("With 'group': the group (the console stores its path, e.g. /staff; an id works too); members"
                        + " of its subgroups count too. It must exist when the policy is saved.")
                .add()
                .property()
                .name(METHODS)
                .label("Methods")
                .type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options(Method.EMAIL.id(), Method.SMS.id(), Method.VOICE.id(), Method.QUESTIONS.id())
                // No defaultValue on multivalued lists: the admin console would show "a##b" as one chip. A realm
                // without a policy, or a policy without this key, gets the builder's default methods. Keycloak drops
                // an emptied list from a saved component (the key then reads as the default), so the console must
                // not let an admin save none: required.
                .required(true)
                .helpText("Ways users may prove who they are (without a policy: email, sms, voice). Security questions"
                        + " are only ever a second gate, so they need 2 gates.")
                .add()
                .property()
                .name(GATES_REQUIRED)
                .label("Gates required")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options("1", "2")
                .defaultValue(Integer.toString(DEFAULT_GATES))
                .helpText("How many different methods a reset needs. Administrators always need 2.")
                .add()
                .property()
                .name(QUESTIONS_TO_REGISTER)
                .label("Questions to register")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options("3", "4", "5")
                .defaultValue(Integer.toString(DEFAULT_QUESTIONS))
                .helpText("How many security questions a user answers at registration.")
                .add()
                .property()
                .name(QUESTIONS_TO_ANSWER)
                .label("Questions to answer at reset")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options("3", "4", "5")
                .defaultValue(Integer.toString(DEFAULT_QUESTIONS))
                .helpText("How many of them a reset asks, drawn at random; at most the number registered."
                        + " Changing it asks users to register again.")
                .add()
                .property()
                .name(OFFERED_QUESTIONS)
                .label("Predefined questions offered")
                .type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options(QuestionBank.PREDEFINED_IDS)
                .helpText("Predefined, translated questions users may choose from (without this setting: the bank's"
                        + " default selection).")
                .add()
                .property()
                .name(CUSTOM_QUESTIONS)
                .label("Custom questions")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Your own questions (3-200 characters each, shown as written). At most "
                        + QuestionBank.MAX_OFFERED + " questions in total with the predefined ones."
                        + " Rewording a question asks the users who chose it to register again.")
                .add()
                .property()
                .name(REQUIRE_REGISTRATION)
                .label("Require registration at sign-in")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(Boolean.TRUE)
                .helpText("Ask users who registered fewer methods than the reset needs to register at sign-in.")
                .add()
                .property()
                .name(RECONFIRM_DAYS)
                .label("Days before re-confirmation")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_RECONFIRM_DAYS)
                .helpText("Ask users to confirm their methods after this many days (0-730; 0 = never).")
                .add()
                .property()
                .name(HELPDESK_LINK)
                .label("Helpdesk link")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Shown when self-service is not possible: an http(s) URL or mailto: address.")
                .add()
                .property()
                .name(ORG_NAME)
                .label("Organization name")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Shown on the reset pages and in messages (at most 100 characters).")
                .add()
                .property()
                .name(LOGO_URL)
                .label("Logo URL")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("An https URL or a path on this server (e.g. /resources/logo.png).")
                .add()
                .property()
                .name(PRIMARY_COLOR)
                .label("Primary colour")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Accent colour of the reset pages as #rrggbb; empty keeps the theme's.")
                .add()
                .property()
                .name(PHONE_COUNTRIES)
                .label("SMS and voice countries")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("ISO 3166 country codes (e.g. DE, US) that codes may be sent to by SMS or call; empty allows"
                        + " all. Limiting them is the best guard against toll fraud.")
                .add()
                .property()
                .name(CODE_LIFETIME_MINUTES)
                .label("Code lifetime (minutes)")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_CODE_LIFETIME_MINUTES)
                .helpText("How long an emailed, texted or spoken code stays valid (1-10 minutes).")
                .add()
                .property()
                .name(ADMIN_RESET_LINK_MINUTES)
                .label("Admin reset link lifetime (minutes)")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_ADMIN_RESET_LINK_MINUTES)
                .helpText("How long a reset link that an administrator or helpdesk sends to a user stays valid"
                        + " (5-1440 minutes). The link works once. Helpdesk: POST"
                        + " /admin/realms/{realm}/sspr/users/{id}/send-reset sends it; .../verify/send and"
                        + " .../verify/check verify a caller with a one-time code first (manage-users).")
                .add()
                .property()
                .name(UNLOCK_ON_RESET)
                .label("Unlock on reset")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(Boolean.TRUE)
                .helpText("A successful reset also unlocks an account locked after failed sign-ins.")
                .add()
                .property()
                .name(SIGN_OUT_OTHER_SESSIONS)
                .label("Sign out other sessions")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(Boolean.TRUE)
                .helpText("A successful reset ends the user's other sessions, including an intruder's.")
                .add()
                .property()
                .name(CONFIRM_PHONE_NUMBER)
                .label("Ask for the full phone number")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(Boolean.FALSE)
                .helpText(
                        "Before an SMS or a call, the user types the full registered number (only the masked number is shown). Guards against texting a number chosen by someone who only knows the username.")
                .add()
                .property()
                .name(SELF_SERVICE_UNLOCK)
                .label("Self-service unlock")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(Boolean.TRUE)
                .helpText(
                        "Users locked out after failed sign-ins may unlock their account through the same verification gates, without changing their password.")
                .add()
                .property()
                .name(NOTIFY_USER)
                .label("Notify users")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(Boolean.TRUE)
                .helpText(
                        "Email the user (every verified address of record) after a reset, change, unlock, or a recovery method registered or removed. No code or password is ever in it.")
                .add()
                .property()
                .name(NOTIFY_ADMINS)
                .label("Notify admins of admin self-resets")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(Boolean.TRUE)
                .helpText("When an administrator resets their own password, email all realm administrators.")
                .add()
                .property()
                .name(NOTIFY_USER_MANAGERS)
                .label("Also notify user managers")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(Boolean.FALSE)
                .helpText("Admin alerts (an administrator's own reset, a \"This wasn't me\" lock) also go to holders"
                        + " of manage-users, not only realm-admin.")
                .add()
                .property()
                .name(ADMIN_RESET_HELPDESK_MINUTES)
                .label("Admin reset needs a helpdesk verification (minutes)")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(0)
                .helpText("When more than 0, an admin reset link is only sent if the helpdesk verified the caller"
                        + " with a one-time code within this many minutes (0-1440; 0 = not needed).")
                .add()
                .build();
    }

    /**
     * Reads a policy for use at run time; never fails. Configuration is validated when saved
     * ({@link SsprPolicyValidator}), so a bad value here means it was stored around the validator: that field falls back
     * to its default, then the whole is made consistent in the safe direction (fewer questions asked, questions
     * dropped rather than made the only gate, SSPR off for a group that is not named).
     */
    public static SsprPolicy read(Map<String, List<String>> config) {
        Parsed parsed = parse(config == null ? Map.of() : config);
        SsprPolicy.Builder b = parsed.builder;
        if (!parsed.errors.isEmpty()) {
            LOG.debugf("SSPR policy has invalid values, using defaults for: %s", parsed.fields());
        }
        if (b.enablement == Enablement.GROUP && b.enabledGroup == null) {
            b.enablement = Enablement.OFF;
        }
        if (b.questionsToAnswer > b.questionsToRegister) {
            b.questionsToAnswer = b.questionsToRegister;
        }
        b.offeredQuestionIds.removeIf(id -> !QuestionBank.isPredefined(id));
        b.offeredQuestionIds = new ArrayList<>(new LinkedHashSet<>(b.offeredQuestionIds));
        b.customQuestions.removeIf(text -> text == null || text.length() < 3 || text.length() > 200);
        while (b.offeredQuestionIds.size() + b.customQuestions.size() > QuestionBank.MAX_OFFERED
                && !b.customQuestions.isEmpty()) {
            b.customQuestions.remove(b.customQuestions.size() - 1);
        }
        while (b.offeredQuestionIds.size() > QuestionBank.MAX_OFFERED) {
            b.offeredQuestionIds.remove(b.offeredQuestionIds.size() - 1);
        }
        Set<String> countries = Set.of(Locale.getISOCountries());
        b.phoneCountries.removeIf(c -> c == null || !countries.contains(c));
        if (b.methods.contains(Method.QUESTIONS)
                && (b.gatesRequired != 2
                        || b.offeredQuestionIds.size() + b.customQuestions.size() < b.questionsToRegister)) {
            b.methods.remove(Method.QUESTIONS);
        }
        List<PolicyError> remaining = SsprPolicy.check(b);
        if (!remaining.isEmpty()) {
            // Only combinations the repairs above cannot fix (e.g. 2 gates over one factor) reach here: the realm's
            // users then get no self-service reset, which is the safe way to fail.
            LOG.warnf("SSPR policy is inconsistent (%s); self-service reset is off", remaining);
            return SsprPolicy.builder().enablement(Enablement.OFF).build();
        }
        return b.build();
    }

    /** Typed values with a default wherever a value could not be parsed, and the parse errors. */
    static Parsed parse(Map<String, List<String>> config) {
        SsprPolicy.Builder b = SsprPolicy.builder();
        List<PolicyError> errors = new ArrayList<>();

        String enabled = single(config, ENABLED);
        if (enabled != null) {
            Enablement value = Enablement.fromId(enabled).orElse(null);
            if (value == null) {
                errors.add(new PolicyError(ENABLED, "must be one of all, group, off; was '" + enabled + "'"));
            } else {
                b.enablement(value);
            }
        }
        b.enabledGroup(single(config, ENABLED_GROUP));

        List<String> methods = list(config, METHODS);
        if (config.containsKey(METHODS)) {
            Set<Method> parsed = EnumSet.noneOf(Method.class);
            for (String id : methods) {
                Method method = Method.fromId(id).orElse(null);
                if (method == null) {
                    errors.add(new PolicyError(METHODS, "unknown method '" + id + "' (email, sms, voice, questions)"));
                } else {
                    parsed.add(method);
                }
            }
            b.methods(parsed);
        }

        b.gatesRequired(integer(config, GATES_REQUIRED, DEFAULT_GATES, errors));
        b.questionsToRegister(integer(config, QUESTIONS_TO_REGISTER, DEFAULT_QUESTIONS, errors));
        b.questionsToAnswer(integer(config, QUESTIONS_TO_ANSWER, DEFAULT_QUESTIONS, errors));
        if (config.containsKey(OFFERED_QUESTIONS)) {
            b.offeredQuestionIds(list(config, OFFERED_QUESTIONS));
        }
        b.customQuestions(list(config, CUSTOM_QUESTIONS));
        b.requireRegistration(bool(config, REQUIRE_REGISTRATION, true, errors));
        b.reconfirmDays(integer(config, RECONFIRM_DAYS, DEFAULT_RECONFIRM_DAYS, errors));
        b.helpdeskLink(single(config, HELPDESK_LINK));
        b.orgName(single(config, ORG_NAME));
        b.logoUrl(single(config, LOGO_URL));
        b.primaryColor(single(config, PRIMARY_COLOR));
        b.phoneCountries(list(config, PHONE_COUNTRIES));
        b.codeLifetimeMinutes(integer(config, CODE_LIFETIME_MINUTES, DEFAULT_CODE_LIFETIME_MINUTES, errors));
        b.adminResetLinkMinutes(integer(config, ADMIN_RESET_LINK_MINUTES, DEFAULT_ADMIN_RESET_LINK_MINUTES, errors));
        b.unlockOnReset(bool(config, UNLOCK_ON_RESET, true, errors));
        b.signOutOtherSessions(bool(config, SIGN_OUT_OTHER_SESSIONS, true, errors));
        b.confirmPhoneNumber(bool(config, CONFIRM_PHONE_NUMBER, false, errors));
        b.selfServiceUnlock(bool(config, SELF_SERVICE_UNLOCK, true, errors));
        b.notifyUser(bool(config, NOTIFY_USER, true, errors));
        b.notifyAdmins(bool(config, NOTIFY_ADMINS, true, errors));
        b.notifyUserManagers(bool(config, NOTIFY_USER_MANAGERS, false, errors));
        b.adminResetHelpdeskMinutes(integer(config, ADMIN_RESET_HELPDESK_MINUTES, 0, errors));
        return new Parsed(b, errors);
    }

    static final class Parsed {
        final SsprPolicy.Builder builder;
        final List<PolicyError> errors;

        Parsed(SsprPolicy.Builder builder, List<PolicyError> errors) {
            this.builder = builder;
            this.errors = errors;
        }

        List<String> fields() {
            return errors.stream().map(PolicyError::field).distinct().toList();
        }
    }

    /** The first non-blank value, stripped; {@code null} when there is none. */
    private static String single(Map<String, List<String>> config, String key) {
        List<String> values = config.get(key);
        if (values == null) {
            return null;
        }
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** All non-blank values, each split on {@code ##}, stripped. */
    private static List<String> list(Map<String, List<String>> config, String key) {
        List<String> values = config.getOrDefault(key, Collections.emptyList());
        List<String> result = new ArrayList<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : Constants.CFG_DELIMITER_PATTERN.split(value)) {
                if (!part.isBlank()) {
                    result.add(part.strip());
                }
            }
        }
        return result;
    }

    private static int integer(Map<String, List<String>> config, String key, int fallback, List<PolicyError> errors) {
        String value = single(config, key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            errors.add(new PolicyError(key, "must be a whole number; was '" + value + "'"));
            return fallback;
        }
    }

    private static boolean bool(
            Map<String, List<String>> config, String key, boolean fallback, List<PolicyError> errors) {
        String value = single(config, key);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        errors.add(new PolicyError(key, "must be true or false; was '" + value + "'"));
        return fallback;
    }
}
