package io.github.sspr.policy;

import static io.github.sspr.policy.SsprPolicyConfig.*;

import io.github.sspr.credentials.questions.AnswerNormalizer;
import io.github.sspr.credentials.questions.Question;
import io.github.sspr.credentials.questions.QuestionBank;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A realm's self-service password reset policy: who may use it, with which methods and how many gates, how security
 * questions are registered, and how the pages look. Immutable and always valid: {@link Builder#build()} rejects what
 * {@link SsprPolicyValidator} rejects. Read it from the policy component's configuration with
 * {@link SsprPolicyConfig#read}.
 */
public final class SsprPolicy {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final Enablement enablement;
    private final String enabledGroup;
    private final Set<Method> methods;
    private final int gatesRequired;
    private final int questionsToRegister;
    private final int questionsToAnswer;
    private final List<String> offeredQuestionIds;
    private final List<String> customQuestions;
    private final boolean requireRegistration;
    private final int reconfirmDays;
    private final String helpdeskLink;
    private final String orgName;
    private final String logoUrl;
    private final String primaryColor;
    private final Set<String> phoneCountries;
    private final int codeLifetimeMinutes;
    private final int adminResetLinkMinutes;
    private final boolean unlockOnReset;
    private final boolean signOutOtherSessions;
    private final boolean confirmPhoneNumber;
    private final boolean selfServiceUnlock;
    private final boolean notifyUser;
    private final boolean notifyAdmins;

    private SsprPolicy(Builder b) {
        enablement = b.enablement;
        enabledGroup = b.enablement == Enablement.GROUP ? b.enabledGroup : null;
        methods = b.methods.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.methods));
        gatesRequired = b.gatesRequired;
        questionsToRegister = b.questionsToRegister;
        questionsToAnswer = b.questionsToAnswer;
        offeredQuestionIds = List.copyOf(b.offeredQuestionIds);
        customQuestions = List.copyOf(b.customQuestions);
        requireRegistration = b.requireRegistration;
        reconfirmDays = b.reconfirmDays;
        helpdeskLink = b.helpdeskLink;
        orgName = b.orgName;
        logoUrl = b.logoUrl;
        primaryColor = b.primaryColor;
        phoneCountries = Set.copyOf(b.phoneCountries);
        codeLifetimeMinutes = b.codeLifetimeMinutes;
        adminResetLinkMinutes = b.adminResetLinkMinutes;
        unlockOnReset = b.unlockOnReset;
        signOutOtherSessions = b.signOutOtherSessions;
        confirmPhoneNumber = b.confirmPhoneNumber;
        selfServiceUnlock = b.selfServiceUnlock;
        notifyUser = b.notifyUser;
        notifyAdmins = b.notifyAdmins;
    }

    /** The policy of a realm that configured nothing. */
    public static SsprPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.enablement = enablement;
        b.enabledGroup = enabledGroup;
        b.methods = methods.isEmpty() ? EnumSet.noneOf(Method.class) : EnumSet.copyOf(methods);
        b.gatesRequired = gatesRequired;
        b.questionsToRegister = questionsToRegister;
        b.questionsToAnswer = questionsToAnswer;
        b.offeredQuestionIds = new ArrayList<>(offeredQuestionIds);
        b.customQuestions = new ArrayList<>(customQuestions);
        b.requireRegistration = requireRegistration;
        b.reconfirmDays = reconfirmDays;
        b.helpdeskLink = helpdeskLink;
        b.orgName = orgName;
        b.logoUrl = logoUrl;
        b.primaryColor = primaryColor;
        b.phoneCountries = new LinkedHashSet<>(phoneCountries);
        b.codeLifetimeMinutes = codeLifetimeMinutes;
        b.adminResetLinkMinutes = adminResetLinkMinutes;
        b.unlockOnReset = unlockOnReset;
        b.signOutOtherSessions = signOutOtherSessions;
        b.confirmPhoneNumber = confirmPhoneNumber;
        b.selfServiceUnlock = selfServiceUnlock;
        b.notifyUser = notifyUser;
        b.notifyAdmins = notifyAdmins;
        return b;
    }

    /**
     * Whether SSPR is on for a user.
     *
     * @param memberOf whether the user is in a group (given its id or path, as configured), subgroups included
     */
    public boolean isEnabledFor(Predicate<String> memberOf) {
        switch (enablement) {
            case ALL:
                return true;
            case GROUP:
                return memberOf.test(enabledGroup);
            default:
                return false;
        }
    }

    /** Whether a method can serve as a gate at all under this policy. */
    public boolean allows(Method method) {
        return methods.contains(method);
    }

    /**
     * Whether codes may be sent to phones of {@code region} (ISO 3166 alpha-2, as from a parsed number). An empty list
     * allows every country; the per-country send caps of the throttle still apply.
     */
    public boolean allowsPhoneCountry(String region) {
        return phoneCountries.isEmpty() || (region != null && phoneCountries.contains(region.toUpperCase(Locale.ROOT)));
    }

    /** The questions a user chooses from at registration: the chosen predefined ones, then the custom ones. */
    public List<Question> offeredQuestions() {
        return QuestionBank.offered(offeredQuestionIds, customQuestions);
    }

    public Enablement enablement() {
        return enablement;
    }

    /** The group (id, or path starting with {@code /}) when {@link #enablement()} is {@link Enablement#GROUP}. */
    public String enabledGroup() {
        return enabledGroup;
    }

    public Set<Method> methods() {
        return methods;
    }

    public int gatesRequired() {
        return gatesRequired;
    }

    public int questionsToRegister() {
        return questionsToRegister;
    }

    public int questionsToAnswer() {
        return questionsToAnswer;
    }

    public List<String> offeredQuestionIds() {
        return offeredQuestionIds;
    }

    public List<String> customQuestions() {
        return customQuestions;
    }

    public boolean requireRegistration() {
        return requireRegistration;
    }

    /** Days after which registered methods must be confirmed again; 0 means never. */
    public int reconfirmDays() {
        return reconfirmDays;
    }

    /** An http(s) or mailto: link to the helpdesk, or {@code null}. */
    public String helpdeskLink() {
        return helpdeskLink;
    }

    public String orgName() {
        return orgName;
    }

    /** An https URL or a path relative to the server, or {@code null}. */
    public String logoUrl() {
        return logoUrl;
    }

    /** {@code #rrggbb}, or {@code null} for the theme's colour. */
    public String primaryColor() {
        return primaryColor;
    }

    /** ISO 3166 alpha-2 codes codes may be sent to; empty means all. */
    public Set<String> phoneCountries() {
        return phoneCountries;
    }

    public int codeLifetimeMinutes() {
        return codeLifetimeMinutes;
    }

    /** How long a reset link that an administrator sends ({@code sspr/users/{id}/send-reset}) stays valid. */
    public int adminResetLinkMinutes() {
        return adminResetLinkMinutes;
    }

    /** Whether a successful reset also unlocks an account locked by brute-force detection or the directory. */
    public boolean unlockOnReset() {
        return unlockOnReset;
    }

    public boolean signOutOtherSessions() {
        return signOutOtherSessions;
    }

    /** Before an SMS or a call, the user types the full registered number (only the masked number is shown). Guards against texting a number chosen by someone who only knows the username. */
    public boolean confirmPhoneNumber() {
        return confirmPhoneNumber;
    }

    /** Users locked out after failed sign-ins may unlock their account through the same verification gates, without changing their password. */
    public boolean selfServiceUnlock() {
        return selfServiceUnlock;
    }

    /** Email the user (every verified address of record) after a reset, change, unlock, or a recovery method registered or removed. No code or password is ever in it. */
    public boolean notifyUser() {
        return notifyUser;
    }

    /** When an administrator resets their own password, email all realm administrators. */
    public boolean notifyAdmins() {
        return notifyAdmins;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SsprPolicy)) {
            return false;
        }
        SsprPolicy p = (SsprPolicy) o;
        return enablement == p.enablement
                && Objects.equals(enabledGroup, p.enabledGroup)
                && methods.equals(p.methods)
                && gatesRequired == p.gatesRequired
                && questionsToRegister == p.questionsToRegister
                && questionsToAnswer == p.questionsToAnswer
                && offeredQuestionIds.equals(p.offeredQuestionIds)
                && customQuestions.equals(p.customQuestions)
                && requireRegistration == p.requireRegistration
                && reconfirmDays == p.reconfirmDays
                && Objects.equals(helpdeskLink, p.helpdeskLink)
                && Objects.equals(orgName, p.orgName)
                && Objects.equals(logoUrl, p.logoUrl)
                && Objects.equals(primaryColor, p.primaryColor)
                && phoneCountries.equals(p.phoneCountries)
                && codeLifetimeMinutes == p.codeLifetimeMinutes
                && adminResetLinkMinutes == p.adminResetLinkMinutes
                && unlockOnReset == p.unlockOnReset
                && signOutOtherSessions == p.signOutOtherSessions
                && confirmPhoneNumber == p.confirmPhoneNumber
                && selfServiceUnlock == p.selfServiceUnlock
                && notifyUser == p.notifyUser
                && notifyAdmins == p.notifyAdmins;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enablement, enabledGroup, methods, gatesRequired, questionsToRegister, offeredQuestionIds);
    }

    @Override
    public String toString() {
        return "SsprPolicy[" + enablement.id() + (enabledGroup == null ? "" : " " + enabledGroup) + ", methods="
                + methods.stream().map(Method::id).sorted().collect(Collectors.joining(","))
                + ", gates=" + gatesRequired + ", questions=" + questionsToAnswer + "/" + questionsToRegister + "]";
    }

    /**
     * The rules every policy obeys; {@link SsprPolicyValidator} reports them to admins and {@link Builder#build()}
     * enforces them.
     */
    static List<PolicyError> check(Builder b) {
        List<PolicyError> errors = new ArrayList<>();
        if (b.enablement == null) {
            errors.add(new PolicyError(ENABLED, "must be one of all, group, off"));
        } else if (b.enablement == Enablement.GROUP && (b.enabledGroup == null || b.enabledGroup.isBlank())) {
            errors.add(new PolicyError(ENABLED_GROUP, "name the group (its id or its path, e.g. /staff)"));
        } else if (b.enabledGroup != null && b.enabledGroup.length() > 255) {
            errors.add(new PolicyError(ENABLED_GROUP, "must be at most 255 characters"));
        }

        if (b.gatesRequired < 1 || b.gatesRequired > 2) {
            errors.add(new PolicyError(GATES_REQUIRED, "must be 1 or 2"));
        }
        if (b.enablement != Enablement.OFF && b.methods.isEmpty()) {
            errors.add(new PolicyError(METHODS, "allow at least one method (email, sms, voice, questions)"));
        } else if (b.methods.contains(Method.QUESTIONS) && b.gatesRequired == 1) {
            // DESIGN §5: questions are never the only gate; with one gate a user could pass on questions alone.
            errors.add(new PolicyError(
                    METHODS, "security questions can only be a second gate: require 2 gates or remove questions"));
        } else if (b.enablement != Enablement.OFF && b.gatesRequired == 2 && factors(b.methods) < 2) {
            errors.add(new PolicyError(
                    METHODS,
                    "2 gates need methods of 2 kinds (email, phone, security questions);"
                            + " SMS and voice reach the same phone and count as one"));
        }

        if (b.questionsToRegister < 3 || b.questionsToRegister > 5) {
            errors.add(new PolicyError(QUESTIONS_TO_REGISTER, "must be 3 to 5"));
        }
        if (b.questionsToAnswer < 3 || b.questionsToAnswer > 5) {
            errors.add(new PolicyError(QUESTIONS_TO_ANSWER, "must be 3 to 5"));
        } else if (b.questionsToAnswer > b.questionsToRegister) {
            errors.add(new PolicyError(
                    QUESTIONS_TO_ANSWER,
                    "cannot be more than the questions to register (" + b.questionsToRegister + ")"));
        }

        Set<String> seenIds = new HashSet<>();
        for (String id : b.offeredQuestionIds) {
            if (!QuestionBank.isPredefined(id)) {
                errors.add(new PolicyError(OFFERED_QUESTIONS, "unknown predefined question '" + id + "'"));
            } else if (!seenIds.add(id)) {
                errors.add(new PolicyError(OFFERED_QUESTIONS, "question '" + id + "' is listed twice"));
            }
        }
        Set<String> seenTexts = new HashSet<>();
        for (String text : b.customQuestions) {
            int length = text == null ? 0 : text.strip().length();
            if (length < 3 || length > 200) {
                errors.add(new PolicyError(CUSTOM_QUESTIONS, "each custom question must be 3 to 200 characters"));
            } else if (!seenTexts.add(AnswerNormalizer.normalize(text))) {
                errors.add(new PolicyError(CUSTOM_QUESTIONS, "'" + text.strip() + "' is listed twice"));
            }
        }
        int offered = b.offeredQuestionIds.size() + b.customQuestions.size();
        if (offered > QuestionBank.MAX_OFFERED) {
            errors.add(new PolicyError(
                    CUSTOM_QUESTIONS,
                    "at most " + QuestionBank.MAX_OFFERED + " questions in total (predefined offered plus custom); "
                            + offered + " configured"));
        } else if (b.methods.contains(Method.QUESTIONS) && offered < b.questionsToRegister) {
            errors.add(new PolicyError(
                    OFFERED_QUESTIONS,
                    "offer at least as many questions as users register (" + b.questionsToRegister + ")"));
        }

        if (b.reconfirmDays < 0 || b.reconfirmDays > 730) {
            errors.add(new PolicyError(RECONFIRM_DAYS, "must be 0 (never) to 730 days"));
        }
        if (b.helpdeskLink != null && !isHelpdeskLink(b.helpdeskLink)) {
            errors.add(new PolicyError(HELPDESK_LINK, "must be an http(s) URL or a mailto: address"));
        }
        if (b.orgName != null && (b.orgName.length() > 100 || b.orgName.chars().anyMatch(Character::isISOControl))) {
            errors.add(new PolicyError(ORG_NAME, "must be at most 100 characters, without control characters"));
        }
        if (b.logoUrl != null && !isLogoUrl(b.logoUrl)) {
            errors.add(new PolicyError(LOGO_URL, "must be an https URL or a path on this server (e.g. /logo.png)"));
        }
        if (b.primaryColor != null && !COLOUR.matcher(b.primaryColor).matches()) {
            errors.add(new PolicyError(PRIMARY_COLOR, "must be a colour as #rrggbb"));
        }
        for (String country : b.phoneCountries) {
            if (country == null || !ISO_COUNTRIES.contains(country)) {
                errors.add(new PolicyError(
                        PHONE_COUNTRIES, "'" + country + "' is not an ISO 3166 alpha-2 country code (e.g. DE, US)"));
            }
        }
        if (b.codeLifetimeMinutes < 1 || b.codeLifetimeMinutes > 10) {
            errors.add(new PolicyError(CODE_LIFETIME_MINUTES, "must be 1 to 10 minutes"));
        }
        if (b.adminResetLinkMinutes < MIN_ADMIN_RESET_LINK_MINUTES
                || b.adminResetLinkMinutes > MAX_ADMIN_RESET_LINK_MINUTES) {
            errors.add(new PolicyError(ADMIN_RESET_LINK_MINUTES, "must be 5 to 1440 minutes"));
        }
        return errors;
    }

    static int factors(Collection<Method> methods) {
        return (int) methods.stream().map(Method::factor).distinct().count();
    }

    private static boolean isHelpdeskLink(String link) {
        if (link.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("mailto")) {
                return uri.getSchemeSpecificPart() != null
                        && EMAIL_ADDRESS
                                .matcher(uri.getSchemeSpecificPart().split("\\?", 2)[0])
                                .matches();
            }
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isLogoUrl(String url) {
        if (url.length() > 2000 || url.contains("\\")) {
            return false;
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null) {
                // A relative path on this server. "//host/x" would be protocol-relative, i.e. possibly plain http.
                return uri.getRawAuthority() == null && !url.startsWith("//") && !url.isBlank();
            }
            // Only https: a logo over http would be mixed content on the login page and could be swapped in transit.
            return uri.getScheme().equalsIgnoreCase("https") && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Assembles a policy; unset values are the defaults of {@link SsprPolicyConfig}. */
    public static final class Builder {
        Enablement enablement = Enablement.ALL;
        String enabledGroup;
        Set<Method> methods = EnumSet.of(Method.EMAIL, Method.SMS, Method.VOICE);
        int gatesRequired = DEFAULT_GATES;
        int questionsToRegister = DEFAULT_QUESTIONS;
        int questionsToAnswer = DEFAULT_QUESTIONS;
        List<String> offeredQuestionIds = new ArrayList<>(QuestionBank.DEFAULT_OFFERED_IDS);
        List<String> customQuestions = new ArrayList<>();
        boolean requireRegistration = true;
        int reconfirmDays = DEFAULT_RECONFIRM_DAYS;
        String helpdeskLink;
        String orgName;
        String logoUrl;
        String primaryColor;
        Set<String> phoneCountries = new LinkedHashSet<>();
        int codeLifetimeMinutes = DEFAULT_CODE_LIFETIME_MINUTES;
        int adminResetLinkMinutes = DEFAULT_ADMIN_RESET_LINK_MINUTES;
        boolean unlockOnReset = true;
        boolean signOutOtherSessions = true;
        boolean confirmPhoneNumber = false;
        boolean selfServiceUnlock = true;
        boolean notifyUser = true;
        boolean notifyAdmins = true;

        private Builder() {}

        public Builder enablement(Enablement value) {
            enablement = value;
            return this;
        }

        public Builder enabledGroup(String value) {
            enabledGroup = blankToNull(value);
            return this;
        }

        public Builder methods(Collection<Method> value) {
            methods = value.isEmpty() ? EnumSet.noneOf(Method.class) : EnumSet.copyOf(value);
            return this;
        }

        public Builder gatesRequired(int value) {
            gatesRequired = value;
            return this;
        }

        public Builder questionsToRegister(int value) {
            questionsToRegister = value;
            return this;
        }

        public Builder questionsToAnswer(int value) {
            questionsToAnswer = value;
            return this;
        }

        public Builder offeredQuestionIds(List<String> value) {
            offeredQuestionIds = new ArrayList<>(value);
            return this;
        }

        public Builder customQuestions(List<String> value) {
            customQuestions = new ArrayList<>();
            for (String text : value) {
                customQuestions.add(text == null ? null : text.strip());
            }
            return this;
        }

        public Builder requireRegistration(boolean value) {
            requireRegistration = value;
            return this;
        }

        public Builder reconfirmDays(int value) {
            reconfirmDays = value;
            return this;
        }

        public Builder helpdeskLink(String value) {
            helpdeskLink = blankToNull(value);
            return this;
        }

        public Builder orgName(String value) {
            orgName = blankToNull(value);
            return this;
        }

        public Builder logoUrl(String value) {
            logoUrl = blankToNull(value);
            return this;
        }

        public Builder primaryColor(String value) {
            primaryColor = blankToNull(value);
            return this;
        }

        /** Country codes are upper-cased; an empty collection allows every country. */
        public Builder phoneCountries(Collection<String> value) {
            phoneCountries = new LinkedHashSet<>();
            for (String country : value) {
                phoneCountries.add(country == null ? null : country.strip().toUpperCase(Locale.ROOT));
            }
            return this;
        }

        public Builder codeLifetimeMinutes(int value) {
            codeLifetimeMinutes = value;
            return this;
        }

        public Builder adminResetLinkMinutes(int value) {
            adminResetLinkMinutes = value;
            return this;
        }

        public Builder unlockOnReset(boolean value) {
            unlockOnReset = value;
            return this;
        }

        public Builder signOutOtherSessions(boolean value) {
            signOutOtherSessions = value;
            return this;
        }

        public Builder confirmPhoneNumber(boolean value) {
            confirmPhoneNumber = value;
            return this;
        }

        public Builder selfServiceUnlock(boolean value) {
            selfServiceUnlock = value;
            return this;
        }

        public Builder notifyUser(boolean value) {
            notifyUser = value;
            return this;
        }

        public Builder notifyAdmins(boolean value) {
            notifyAdmins = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException listing every broken rule
         */
        public SsprPolicy build() {
            List<PolicyError> errors = check(this);
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("Invalid SSPR policy: "
                        + errors.stream().map(PolicyError::toString).collect(Collectors.joining("; ")));
            }
            return new SsprPolicy(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
