package io.github.sspr.policy;

import io.github.sspr.credentials.questions.Question;
import io.github.sspr.credentials.questions.QuestionBank;
import io.github.sspr.throttle.ThrottleRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A realm's self-service password reset policy: who may use it, with which methods and how many gates, how security
 * questions are registered, and how the pages look. Each component is one setting declared in
 * {@link SsprPolicyConfig} (key, type, default, bounds, help text: docs/policy.md has the table).
 *
 * <p>Make one with {@link #builder()} (its {@code build()} rejects what {@link SsprPolicyValidator} rejects) or
 * read one with {@link StoredPolicy#read}; both give a valid policy. The record's own constructor only copies and
 * normalises. A component not described below means what its declaration's help text says.
 *
 * @param enabledGroup the group (id, or path starting with {@code /}) when {@link #enablement()} is
 *     {@link Enablement#GROUP}, else {@code null}
 * @param reconfirmDays days after which registered methods must be confirmed again; 0 means never
 * @param helpdeskLink an http(s) or mailto: link to the helpdesk, or {@code null}
 * @param logoUrl an https URL or a path relative to the server, or {@code null}
 * @param primaryColor {@code #rrggbb}, or {@code null} for the theme's colour
 * @param phoneCountries ISO 3166 alpha-2 codes codes may be sent to, in the admin's order; empty means all
 * @param adminResetHelpdeskMinutes when above 0, an admin reset link needs a helpdesk verification of the caller
 *     within this many minutes
 * @param twilio the realm's own Twilio account and sender ({@link TwilioAccount#SERVER}: the server's)
 * @param activityRetentionDays days the realm's activity is kept; 0 means the server's retention
 * @param expiryReminderDays days before a password expires to remind its user, e.g. {@code 14,7,1}; {@code null}: none
 * @param privilegedPasskey privileged users must pass a passkey gate (phishing-resistant; docs/reset.md)
 * @param limits the throttle's numbers by setting key ({@link ThrottleSettings}; docs/throttles.md)
 */
public record SsprPolicy(
        Enablement enablement,
        String enabledGroup,
        Set<Method> methods,
        int gatesRequired,
        int factorResetGates,
        int questionsToRegister,
        int questionsToAnswer,
        List<String> offeredQuestionIds,
        List<String> customQuestions,
        boolean requireRegistration,
        int reconfirmDays,
        String helpdeskLink,
        String orgName,
        String logoUrl,
        String primaryColor,
        Set<String> phoneCountries,
        int codeLifetimeMinutes,
        int adminResetLinkMinutes,
        boolean unlockOnReset,
        boolean signOutOtherSessions,
        boolean confirmPhoneNumber,
        boolean selfServiceUnlock,
        boolean notifyUser,
        boolean notifyAdmins,
        boolean notifyUserManagers,
        int adminResetHelpdeskMinutes,
        TwilioAccount twilio,
        int activityRetentionDays,
        String expiryReminderDays,
        boolean privilegedPasskey,
        Map<String, Integer> limits) {

    public SsprPolicy {
        twilio = twilio == null ? TwilioAccount.SERVER : twilio;
        enabledGroup = enablement == Enablement.GROUP ? blankToNull(enabledGroup) : null;
        helpdeskLink = blankToNull(helpdeskLink);
        orgName = blankToNull(orgName);
        logoUrl = blankToNull(logoUrl);
        primaryColor = blankToNull(primaryColor);
        expiryReminderDays = blankToNull(expiryReminderDays);
        methods = methods.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(methods));
        // Copies that keep the order (and tolerate a null the validator will name).
        offeredQuestionIds = Collections.unmodifiableList(new ArrayList<>(offeredQuestionIds));
        customQuestions = Collections.unmodifiableList(new ArrayList<>(customQuestions));
        phoneCountries = Collections.unmodifiableSet(new LinkedHashSet<>(phoneCountries));
        limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }

    /** The throttle's rules under this policy (docs/throttles.md). */
    public ThrottleRules throttleRules() {
        return ThrottleSettings.rules(limits);
    }

    /** One throttle number by its setting key, or {@code null} when it is not set. */
    public Integer limit(String key) {
        return limits.get(key);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The policy of a realm that configured nothing. */
    public static SsprPolicy defaults() {
        return builder().build();
    }

    /** A builder holding the declared defaults. */
    public static SsprPolicyBuilder builder() {
        return new SsprPolicyBuilder();
    }

    /** A builder holding this policy's settings, to change some. */
    public SsprPolicyBuilder toBuilder() {
        return SsprPolicyConfig.SETTINGS.copy(this, new SsprPolicyBuilder());
    }

    /** Whether SSPR is on for a user; {@code memberOf}: is the user in a group (id or path), subgroups included. */
    public boolean isEnabledFor(Predicate<String> memberOf) {
        return switch (enablement) {
            case ALL -> true;
            case GROUP -> memberOf.test(enabledGroup);
            default -> false;
        };
    }

    /** Whether a method can serve as a gate at all under this policy. */
    public boolean allows(Method method) {
        return methods.contains(method);
    }

    /** Whether codes may go to phones of {@code region} (ISO 3166 alpha-2); an empty list allows every country. */
    public boolean allowsPhoneCountry(String region) {
        return phoneCountries.isEmpty() || (region != null && phoneCountries.contains(region.toUpperCase(Locale.ROOT)));
    }

    /** The questions a user chooses from at registration: the chosen predefined ones, then the custom ones. */
    public List<Question> offeredQuestions() {
        return QuestionBank.offered(offeredQuestionIds, customQuestions);
    }

    /** Method ids in the enum's order, whatever the set's order. */
    public List<String> methodIds() {
        return Arrays.stream(Method.values())
                .filter(methods::contains)
                .map(Method::id)
                .toList();
    }

    @Override
    public String toString() {
        return "SsprPolicy[" + enablement.id() + (enabledGroup == null ? "" : " " + enabledGroup) + ", methods="
                + String.join(",", methodIds()) + ", gates=" + gatesRequired + ", questions=" + questionsToAnswer + "/"
                + questionsToRegister + "]";
    }
}
