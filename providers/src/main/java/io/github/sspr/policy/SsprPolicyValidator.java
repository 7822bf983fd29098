package io.github.sspr.policy;

import static io.github.sspr.policy.SsprPolicyConfig.CUSTOM_QUESTIONS;
import static io.github.sspr.policy.SsprPolicyConfig.ENABLED_GROUP;
import static io.github.sspr.policy.SsprPolicyConfig.METHODS;
import static io.github.sspr.policy.SsprPolicyConfig.OFFERED_QUESTIONS;
import static io.github.sspr.policy.SsprPolicyConfig.PRIVILEGED_PASSKEY;
import static io.github.sspr.policy.SsprPolicyConfig.QUESTIONS_TO_ANSWER;
import static io.github.sspr.policy.SsprPolicyConfig.TWILIO_ACCOUNT_SID;
import static io.github.sspr.policy.SsprPolicyConfig.TWILIO_AUTH_TOKEN;
import static io.github.sspr.policy.SsprPolicyConfig.TWILIO_FROM_NUMBER;

import io.github.sspr.config.SettingError;
import io.github.sspr.credentials.questions.AnswerNormalizer;
import io.github.sspr.credentials.questions.QuestionBank;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a policy before it is saved, so that a bad value is refused where the admin typed it rather than discovered
 * at a user's reset. Reports every problem, one {@link SettingError} per problem, named by its field: first what the
 * declarations say of each field alone (bounds, options, formats: {@link SsprPolicyConfig}), then the rules between
 * fields, which live here and only here.
 */
public final class SsprPolicyValidator {

    private SsprPolicyValidator() {}

    /** The problems of a stored configuration; empty when it can be saved. */
    public static List<SettingError> validate(Map<String, ? extends List<String>> config) {
        StoredPolicy.Parsed parsed = StoredPolicy.parse(config == null ? Map.of() : config);
        List<SettingError> errors = new ArrayList<>(parsed.errors());
        // A field that could not be parsed was checked with its default; its parse error says enough.
        errors.addAll(check(parsed.builder().unchecked(), parsed.fields()));
        return List.copyOf(errors);
    }

    /** The problems of a policy, leaving out the fields in {@code skip}. */
    static List<SettingError> check(SsprPolicy policy, Collection<String> skip) {
        List<SettingError> errors = new ArrayList<>(SsprPolicyConfig.SETTINGS.check(policy, skip));
        for (SettingError error : crossFieldRules(policy)) {
            if (!skip.contains(error.field())) {
                errors.add(error);
            }
        }
        return errors;
    }

    /** The rules between fields. */
    static List<SettingError> crossFieldRules(SsprPolicy p) {
        List<SettingError> errors = new ArrayList<>();
        if (p.enablement() == Enablement.GROUP && p.enabledGroup() == null) {
            errors.add(new SettingError(ENABLED_GROUP, "name the group (its id or its path, e.g. /staff)"));
        }
        boolean on = p.enablement() != Enablement.OFF && p.enablement() != null;
        if (on && p.methods().isEmpty()) {
            errors.add(new SettingError(
                    METHODS, "allow at least one method (email, sms, voice, questions, passkey, otp, recovery-codes)"));
        } else if (p.allows(Method.QUESTIONS) && p.gatesRequired() == 1) {
            // Questions are never the only gate: with one gate a user could pass on questions alone (docs/policy.md).
            errors.add(new SettingError(
                    METHODS, "security questions can only be a second gate: require 2 gates or remove questions"));
        } else if (on && p.gatesRequired() == 2 && factors(p.methods()) < 2) {
            errors.add(new SettingError(
                    METHODS,
                    "2 gates need methods of 2 kinds (email, phone, security questions, passkey, authenticator app,"
                            + " recovery codes);"
                            + " SMS and voice reach the same phone and count as one"));
        }
        if (p.privilegedPasskey() && !p.allows(Method.PASSKEY)) {
            // Privileged users could never pass the gate they must pass.
            errors.add(new SettingError(PRIVILEGED_PASSKEY, "add 'passkey' to the methods, or switch this off"));
        }
        if (p.questionsToAnswer() > p.questionsToRegister()) {
            errors.add(new SettingError(
                    QUESTIONS_TO_ANSWER,
                    "cannot be more than the questions to register (" + p.questionsToRegister() + ")"));
        }
        Set<String> seenIds = new HashSet<>();
        for (String id : p.offeredQuestionIds()) {
            if (!seenIds.add(id)) {
                errors.add(new SettingError(OFFERED_QUESTIONS, "question '" + id + "' is listed twice"));
            }
        }
        Set<String> seenTexts = new HashSet<>();
        for (String text : p.customQuestions()) {
            if (text != null && !seenTexts.add(AnswerNormalizer.normalize(text))) {
                errors.add(new SettingError(CUSTOM_QUESTIONS, "'" + text.strip() + "' is listed twice"));
            }
        }
        int offered = p.offeredQuestionIds().size() + p.customQuestions().size();
        if (offered > QuestionBank.MAX_OFFERED) {
            errors.add(new SettingError(
                    CUSTOM_QUESTIONS,
                    "at most " + QuestionBank.MAX_OFFERED + " questions in total (predefined offered plus custom); "
                            + offered + " configured"));
        } else if (p.allows(Method.QUESTIONS) && offered < p.questionsToRegister()) {
            errors.add(new SettingError(
                    OFFERED_QUESTIONS,
                    "offer at least as many questions as users register (" + p.questionsToRegister() + ")"));
        }
        TwilioAccount twilio = p.twilio();
        if (twilio.ownAccount() && twilio.authTokenRef() == null) {
            errors.add(new SettingError(
                    TWILIO_AUTH_TOKEN, "name the account's auth token in the vault, e.g. ${vault.twilio-token}"));
        } else if (!twilio.ownAccount() && twilio.authTokenRef() != null) {
            errors.add(new SettingError(TWILIO_ACCOUNT_SID, "name the account the auth token belongs to (AC...)"));
        }
        if (twilio.ownAccount() && !twilio.ownSender()) {
            // The server's sender number belongs to the server's account.
            errors.add(new SettingError(
                    TWILIO_FROM_NUMBER, "with the realm's own account, name its sender number or messaging service"));
        }
        return errors;
    }

    static int factors(Collection<Method> methods) {
        return (int) methods.stream().map(Method::factor).distinct().count();
    }
}
