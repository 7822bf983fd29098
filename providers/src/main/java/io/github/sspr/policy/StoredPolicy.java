package io.github.sspr.policy;

import io.github.sspr.config.Setting;
import io.github.sspr.config.SettingError;
import io.github.sspr.credentials.questions.QuestionBank;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A realm's stored policy read for use: {@link #read} never fails (a bad value falls back to its default and the whole
 * is repaired in the safe direction); {@link #parse} says what could not be read. The settings themselves are declared
 * in {@link SsprPolicyConfig}.
 */
public final class StoredPolicy {

    private static final Logger LOG = Logger.getLogger(StoredPolicy.class);

    private StoredPolicy() {}

    /**
     * Reads a policy for use at run time; never fails. Configuration is validated when saved
     * ({@link SsprPolicyValidator}), so a bad value here means it was stored around the validator: that field falls back
     * to its default, then the whole is made consistent in the safe direction (fewer questions asked, questions
     * dropped rather than made the only gate, SSPR off for a group that is not named).
     */
    public static SsprPolicy read(Map<String, ? extends List<String>> config) {
        Parsed parsed = parse(config == null ? Map.of() : config);
        SsprPolicyBuilder b = parsed.builder;
        if (!parsed.errors.isEmpty()) {
            LOG.debugf("SSPR policy has invalid values, using defaults for: %s", parsed.fields());
        }
        if (b.enablement == Enablement.GROUP && b.enabledGroup == null) {
            b.enablement = Enablement.OFF;
        }
        if (b.questionsToAnswer > b.questionsToRegister) {
            b.questionsToAnswer = b.questionsToRegister;
        }
        b.offeredQuestionIds = new ArrayList<>(new LinkedHashSet<>(b.offeredQuestionIds));
        b.customQuestions.removeIf(text -> text == null || text.length() < 3 || text.length() > 200);
        while (b.offeredQuestionIds.size() + b.customQuestions.size() > QuestionBank.MAX_OFFERED
                && !b.customQuestions.isEmpty()) {
            b.customQuestions.remove(b.customQuestions.size() - 1);
        }
        while (b.offeredQuestionIds.size() > QuestionBank.MAX_OFFERED) {
            b.offeredQuestionIds.remove(b.offeredQuestionIds.size() - 1);
        }
        b.phoneCountries.removeIf(c -> !Formats.isCountry(c));
        if (!b.twilio.usable()) {
            // Half an account, or a value that is no SID, number or vault reference: the server's account and sender.
            b.twilio = TwilioAccount.SERVER;
        }
        if (b.activityRetentionDays < 0 || b.activityRetentionDays > 365) {
            b.activityRetentionDays = 0;
        }
        if (b.methods.contains(Method.QUESTIONS)
                && (b.gatesRequired != 2
                        || b.offeredQuestionIds.size() + b.customQuestions.size() < b.questionsToRegister)) {
            b.methods.remove(Method.QUESTIONS);
        }
        List<SettingError> remaining = SsprPolicyValidator.check(b.unchecked(), Set.of());
        if (!remaining.isEmpty()) {
            // Only combinations the repairs above cannot fix (e.g. 2 gates over one factor) reach here: the realm's
            // users then get no self-service reset, which is the safe way to fail.
            LOG.warnf("SSPR policy is inconsistent (%s); self-service reset is off", remaining);
            return SsprPolicy.builder().enablement(Enablement.OFF).build();
        }
        return b.build();
    }

    /** Typed values with a default wherever a value could not be parsed, and the parse errors. */
    public static Parsed parse(Map<String, ? extends List<String>> config) {
        SsprPolicyBuilder b = SsprPolicy.builder();
        List<SettingError> errors = SsprPolicyConfig.SETTINGS.read(config, b);
        return new Parsed(b, errors);
    }

    public record Parsed(SsprPolicyBuilder builder, List<SettingError> errors) {

        /** The fields read as their default because their stored value could not be read at all. */
        List<String> fields() {
            return errors.stream()
                    .map(SettingError::field)
                    .filter(key ->
                            SsprPolicyConfig.SETTINGS.setting(key).orElseThrow().kind() != Setting.Kind.MULTI_CHOICE)
                    .distinct()
                    .toList();
        }
    }
}
