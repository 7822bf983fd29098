package io.github.sspr.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Assembles a policy; it starts with the defaults declared in {@link SsprPolicyConfig} ({@link SsprPolicy#builder()}). */
public final class SsprPolicyBuilder {
    Enablement enablement;
    String enabledGroup;
    Set<Method> methods;
    int gatesRequired;
    int questionsToRegister;
    int questionsToAnswer;
    List<String> offeredQuestionIds;
    List<String> customQuestions;
    boolean requireRegistration;
    int reconfirmDays;
    String helpdeskLink;
    String orgName;
    String logoUrl;
    String primaryColor;
    Set<String> phoneCountries;
    int codeLifetimeMinutes;
    int adminResetLinkMinutes;
    boolean unlockOnReset;
    boolean signOutOtherSessions;
    boolean confirmPhoneNumber;
    boolean privilegedPasskey;
    boolean selfServiceUnlock;
    boolean notifyUser;
    boolean notifyAdmins;
    boolean notifyUserManagers;
    int adminResetHelpdeskMinutes;
    TwilioAccount twilio = TwilioAccount.SERVER;
    int activityRetentionDays;
    String expiryReminderDays;
    int factorResetGates;
    Map<String, Integer> limits = new LinkedHashMap<>();

    SsprPolicyBuilder() {
        SsprPolicyConfig.SETTINGS.read(Map.of(), this);
    }

    public SsprPolicyBuilder enablement(Enablement value) {
        enablement = value;
        return this;
    }

    public SsprPolicyBuilder enabledGroup(String value) {
        enabledGroup = value;
        return this;
    }

    public SsprPolicyBuilder methods(Collection<Method> value) {
        methods = value.isEmpty() ? EnumSet.noneOf(Method.class) : EnumSet.copyOf(value);
        return this;
    }

    public SsprPolicyBuilder gatesRequired(int value) {
        gatesRequired = value;
        return this;
    }

    public SsprPolicyBuilder questionsToRegister(int value) {
        questionsToRegister = value;
        return this;
    }

    public SsprPolicyBuilder questionsToAnswer(int value) {
        questionsToAnswer = value;
        return this;
    }

    public SsprPolicyBuilder offeredQuestionIds(List<String> value) {
        offeredQuestionIds = new ArrayList<>(value);
        return this;
    }

    public SsprPolicyBuilder customQuestions(List<String> value) {
        customQuestions = new ArrayList<>();
        for (String text : value) {
            customQuestions.add(text == null ? null : text.strip());
        }
        return this;
    }

    public SsprPolicyBuilder requireRegistration(boolean value) {
        requireRegistration = value;
        return this;
    }

    public SsprPolicyBuilder reconfirmDays(int value) {
        reconfirmDays = value;
        return this;
    }

    public SsprPolicyBuilder helpdeskLink(String value) {
        helpdeskLink = value;
        return this;
    }

    public SsprPolicyBuilder orgName(String value) {
        orgName = value;
        return this;
    }

    public SsprPolicyBuilder logoUrl(String value) {
        logoUrl = value;
        return this;
    }

    public SsprPolicyBuilder primaryColor(String value) {
        primaryColor = value;
        return this;
    }

    /** Country codes are upper-cased, in the given order; an empty collection allows every country. */
    public SsprPolicyBuilder phoneCountries(Collection<String> value) {
        phoneCountries = new LinkedHashSet<>();
        for (String country : value) {
            phoneCountries.add(country == null ? null : country.strip().toUpperCase(Locale.ROOT));
        }
        return this;
    }

    public SsprPolicyBuilder codeLifetimeMinutes(int value) {
        codeLifetimeMinutes = value;
        return this;
    }

    public SsprPolicyBuilder adminResetLinkMinutes(int value) {
        adminResetLinkMinutes = value;
        return this;
    }

    public SsprPolicyBuilder unlockOnReset(boolean value) {
        unlockOnReset = value;
        return this;
    }

    public SsprPolicyBuilder signOutOtherSessions(boolean value) {
        signOutOtherSessions = value;
        return this;
    }

    public SsprPolicyBuilder confirmPhoneNumber(boolean value) {
        confirmPhoneNumber = value;
        return this;
    }

    public SsprPolicyBuilder privilegedPasskey(boolean value) {
        privilegedPasskey = value;
        return this;
    }

    public SsprPolicyBuilder selfServiceUnlock(boolean value) {
        selfServiceUnlock = value;
        return this;
    }

    public SsprPolicyBuilder notifyUser(boolean value) {
        notifyUser = value;
        return this;
    }

    public SsprPolicyBuilder notifyAdmins(boolean value) {
        notifyAdmins = value;
        return this;
    }

    public SsprPolicyBuilder notifyUserManagers(boolean value) {
        notifyUserManagers = value;
        return this;
    }

    public SsprPolicyBuilder adminResetHelpdeskMinutes(int value) {
        adminResetHelpdeskMinutes = value;
        return this;
    }

    public SsprPolicyBuilder twilio(TwilioAccount value) {
        twilio = value == null ? TwilioAccount.SERVER : value;
        return this;
    }

    public SsprPolicyBuilder activityRetentionDays(int value) {
        activityRetentionDays = value;
        return this;
    }

    public SsprPolicyBuilder expiryReminderDays(String value) {
        expiryReminderDays = value;
        return this;
    }

    public SsprPolicyBuilder factorResetGates(int value) {
        factorResetGates = value;
        return this;
    }

    /** Sets one throttle number by its setting key ({@link ThrottleSettings}). */
    public SsprPolicyBuilder limit(String key, Integer value) {
        limits.put(key, value);
        return this;
    }

    /** @throws IllegalArgumentException listing every broken rule */
    public SsprPolicy build() {
        SsprPolicy policy = unchecked();
        List<?> errors = SsprPolicyValidator.check(policy, Set.of());
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Invalid SSPR policy: "
                    + errors.stream().map(String::valueOf).collect(Collectors.joining("; ")));
        }
        return policy;
    }

    /** The policy as it stands, for the validator to check. */
    public SsprPolicy unchecked() {
        return new SsprPolicy(
                enablement,
                enabledGroup,
                methods,
                gatesRequired,
                factorResetGates,
                questionsToRegister,
                questionsToAnswer,
                offeredQuestionIds,
                customQuestions,
                requireRegistration,
                reconfirmDays,
                helpdeskLink,
                orgName,
                logoUrl,
                primaryColor,
                phoneCountries,
                codeLifetimeMinutes,
                adminResetLinkMinutes,
                unlockOnReset,
                signOutOtherSessions,
                confirmPhoneNumber,
                selfServiceUnlock,
                notifyUser,
                notifyAdmins,
                notifyUserManagers,
                adminResetHelpdeskMinutes,
                twilio,
                activityRetentionDays,
                expiryReminderDays,
                privilegedPasskey,
                limits);
    }
}
