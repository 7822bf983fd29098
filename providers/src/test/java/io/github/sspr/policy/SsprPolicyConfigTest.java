package io.github.sspr.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.config.Setting;
import io.github.sspr.credentials.questions.QuestionBank;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.provider.ProviderConfigProperty;

class SsprPolicyConfigTest {

    @Test
    void anEmptyConfigurationGivesTheDefaults() {
        SsprPolicy policy = StoredPolicy.read(Map.of());

        assertEquals(Enablement.ALL, policy.enablement());
        assertEquals(Set.of(Method.EMAIL, Method.SMS, Method.VOICE), policy.methods());
        assertEquals(1, policy.gatesRequired());
        assertEquals(3, policy.questionsToRegister());
        assertEquals(3, policy.questionsToAnswer());
        assertEquals(QuestionBank.DEFAULT_OFFERED_IDS, policy.offeredQuestionIds());
        assertEquals(List.of(), policy.customQuestions());
        assertTrue(policy.requireRegistration());
        assertEquals(180, policy.reconfirmDays());
        assertNull(policy.helpdeskLink());
        assertEquals(Set.of(), policy.phoneCountries());
        assertEquals(5, policy.codeLifetimeMinutes());
        assertTrue(policy.unlockOnReset());
        assertTrue(policy.signOutOtherSessions());
        assertEquals(SsprPolicy.defaults(), policy);
        assertEquals(SsprPolicy.defaults(), StoredPolicy.read(null));
    }

    @Test
    void everyKeyIsReadFromAComponentConfiguration() {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(SsprPolicyConfig.ENABLED, "group");
        config.putSingle(SsprPolicyConfig.ENABLED_GROUP, " /staff ");
        config.addAll(SsprPolicyConfig.METHODS, "email", "questions");
        config.putSingle(SsprPolicyConfig.GATES_REQUIRED, "2");
        config.putSingle(SsprPolicyConfig.QUESTIONS_TO_REGISTER, "5");
        config.putSingle(SsprPolicyConfig.QUESTIONS_TO_ANSWER, "4");
        config.putSingle(SsprPolicyConfig.OFFERED_QUESTIONS, "first-album##first-book##first-concert");
        config.addAll(SsprPolicyConfig.CUSTOM_QUESTIONS, "Where did you learn to swim?", "Your first boat?");
        config.putSingle(SsprPolicyConfig.REQUIRE_REGISTRATION, "false");
        config.putSingle(SsprPolicyConfig.RECONFIRM_DAYS, "0");
        config.putSingle(SsprPolicyConfig.HELPDESK_LINK, "mailto:helpdesk@example.org");
        config.putSingle(SsprPolicyConfig.ORG_NAME, "Example Corp");
        config.putSingle(SsprPolicyConfig.LOGO_URL, "https://cdn.example.org/logo.svg");
        config.putSingle(SsprPolicyConfig.PRIMARY_COLOR, "#0066CC");
        config.putSingle(SsprPolicyConfig.PHONE_COUNTRIES, "de##us");
        config.putSingle(SsprPolicyConfig.CODE_LIFETIME_MINUTES, "10");
        config.putSingle(SsprPolicyConfig.UNLOCK_ON_RESET, "false");
        config.putSingle(SsprPolicyConfig.SIGN_OUT_OTHER_SESSIONS, "FALSE");

        SsprPolicy policy = StoredPolicy.read(config);

        assertEquals(Enablement.GROUP, policy.enablement());
        assertEquals("/staff", policy.enabledGroup());
        assertEquals(Set.of(Method.EMAIL, Method.QUESTIONS), policy.methods());
        assertEquals(2, policy.gatesRequired());
        assertEquals(5, policy.questionsToRegister());
        assertEquals(4, policy.questionsToAnswer());
        assertEquals(List.of("first-album", "first-book", "first-concert"), policy.offeredQuestionIds());
        assertEquals(List.of("Where did you learn to swim?", "Your first boat?"), policy.customQuestions());
        assertFalse(policy.requireRegistration());
        assertEquals(0, policy.reconfirmDays());
        assertEquals("mailto:helpdesk@example.org", policy.helpdeskLink());
        assertEquals("Example Corp", policy.orgName());
        assertEquals("https://cdn.example.org/logo.svg", policy.logoUrl());
        assertEquals("#0066CC", policy.primaryColor());
        assertEquals(Set.of("DE", "US"), policy.phoneCountries());
        assertEquals(10, policy.codeLifetimeMinutes());
        assertFalse(policy.unlockOnReset());
        assertFalse(policy.signOutOtherSessions());
        assertEquals(5, policy.offeredQuestions().size());
        assertEquals(List.of(), SsprPolicyValidator.validate(config));
    }

    @Test
    void metadataDeclaresEveryKeyOnceWithDefaultsThatReadAsTheDefaults() {
        List<ProviderConfigProperty> metadata = io.github.sspr.policy.store.SsprPolicyPageFactory.metadata();
        Set<String> names = new HashSet<>();
        Map<String, List<String>> defaults = new HashMap<>();
        for (ProviderConfigProperty property : metadata) {
            assertTrue(names.add(property.getName()), "declared twice: " + property.getName());
            assertFalse(property.getHelpText() == null || property.getHelpText().isBlank(), property.getName());
            if (property.getDefaultValue() != null) {
                defaults.put(property.getName(), List.of(String.valueOf(property.getDefaultValue())));
            }
        }

        assertEquals(
                java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(
                                        SsprPolicyConfig.ENABLED,
                                        SsprPolicyConfig.ENABLED_GROUP,
                                        SsprPolicyConfig.METHODS,
                                        SsprPolicyConfig.GATES_REQUIRED,
                                        SsprPolicyConfig.FACTOR_RESET_GATES,
                                        SsprPolicyConfig.QUESTIONS_TO_REGISTER,
                                        SsprPolicyConfig.QUESTIONS_TO_ANSWER,
                                        SsprPolicyConfig.OFFERED_QUESTIONS,
                                        SsprPolicyConfig.CUSTOM_QUESTIONS,
                                        SsprPolicyConfig.REQUIRE_REGISTRATION,
                                        SsprPolicyConfig.RECONFIRM_DAYS,
                                        SsprPolicyConfig.HELPDESK_LINK,
                                        SsprPolicyConfig.ORG_NAME,
                                        SsprPolicyConfig.LOGO_URL,
                                        SsprPolicyConfig.PRIMARY_COLOR,
                                        SsprPolicyConfig.PHONE_COUNTRIES,
                                        SsprPolicyConfig.CODE_LIFETIME_MINUTES,
                                        SsprPolicyConfig.ADMIN_RESET_LINK_MINUTES,
                                        SsprPolicyConfig.UNLOCK_ON_RESET,
                                        SsprPolicyConfig.SIGN_OUT_OTHER_SESSIONS,
                                        SsprPolicyConfig.CONFIRM_PHONE_NUMBER,
                                        SsprPolicyConfig.SELF_SERVICE_UNLOCK,
                                        SsprPolicyConfig.NOTIFY_USER,
                                        SsprPolicyConfig.NOTIFY_ADMINS,
                                        SsprPolicyConfig.NOTIFY_USER_MANAGERS,
                                        SsprPolicyConfig.ADMIN_RESET_HELPDESK_MINUTES,
                                        SsprPolicyConfig.TWILIO_ACCOUNT_SID,
                                        SsprPolicyConfig.TWILIO_AUTH_TOKEN,
                                        SsprPolicyConfig.TWILIO_FROM_NUMBER,
                                        SsprPolicyConfig.TWILIO_MESSAGING_SERVICE_SID,
                                        SsprPolicyConfig.ACTIVITY_RETENTION_DAYS,
                                        SsprPolicyConfig.EXPIRY_REMINDER_DAYS,
                                        SsprPolicyConfig.PRIVILEGED_PASSKEY),
                                ThrottleSettings.DECLARED.stream().map(Setting::key))
                        .collect(java.util.stream.Collectors.toSet()),
                names);
        assertEquals(SsprPolicy.defaults(), StoredPolicy.read(defaults));
        assertEquals(List.of(), SsprPolicyValidator.validate(defaults));
    }

    @Test
    void expiryReminderDaysAreCheckedWhenSaved() {
        assertEquals(
                List.of(),
                SsprPolicyValidator.validate(Map.of(SsprPolicyConfig.EXPIRY_REMINDER_DAYS, List.of("14, 7,1"))));
        assertEquals(
                "14, 7,1",
                StoredPolicy.read(Map.of(SsprPolicyConfig.EXPIRY_REMINDER_DAYS, List.of("14, 7,1")))
                        .expiryReminderDays());
        assertEquals(null, SsprPolicy.defaults().expiryReminderDays(), "off unless set");
        for (String bad : List.of("0", "7,366", "weekly")) {
            List<?> errors = SsprPolicyValidator.validate(Map.of(SsprPolicyConfig.EXPIRY_REMINDER_DAYS, List.of(bad)));
            assertEquals(1, errors.size(), bad + ": " + errors);
            assertTrue(errors.get(0).toString().contains(SsprPolicyConfig.EXPIRY_REMINDER_DAYS), errors.toString());
        }
    }

    @Test
    void unparseableValuesFallBackToTheirDefaults() {
        SsprPolicy policy = StoredPolicy.read(Map.of(
                SsprPolicyConfig.GATES_REQUIRED, List.of("two"),
                SsprPolicyConfig.RECONFIRM_DAYS, List.of("soon"),
                SsprPolicyConfig.UNLOCK_ON_RESET, List.of("yes"),
                SsprPolicyConfig.ENABLED, List.of("sometimes")));

        assertEquals(1, policy.gatesRequired());
        assertEquals(180, policy.reconfirmDays());
        assertTrue(policy.unlockOnReset());
        assertEquals(Enablement.ALL, policy.enablement());
    }

    @Test
    void inconsistentValuesAreRepairedInTheSafeDirection() {
        SsprPolicy asksTooMany = StoredPolicy.read(Map.of(
                SsprPolicyConfig.METHODS, List.of("email##questions"),
                SsprPolicyConfig.GATES_REQUIRED, List.of("2"),
                SsprPolicyConfig.QUESTIONS_TO_REGISTER, List.of("3"),
                SsprPolicyConfig.QUESTIONS_TO_ANSWER, List.of("5")));
        assertEquals(3, asksTooMany.questionsToAnswer());

        SsprPolicy questionsAlone = StoredPolicy.read(Map.of(
                SsprPolicyConfig.METHODS, List.of("email##questions"), SsprPolicyConfig.GATES_REQUIRED, List.of("1")));
        assertEquals(Set.of(Method.EMAIL), questionsAlone.methods());

        SsprPolicy unnamedGroup = StoredPolicy.read(Map.of(SsprPolicyConfig.ENABLED, List.of("group")));
        assertEquals(Enablement.OFF, unnamedGroup.enablement());

        SsprPolicy badCountries = StoredPolicy.read(Map.of(SsprPolicyConfig.PHONE_COUNTRIES, List.of("DE##XX")));
        assertEquals(Set.of("DE"), badCountries.phoneCountries());
    }

    @Test
    void whatCannotBeRepairedTurnsSelfServiceOff() {
        SsprPolicy phoneOnlyTwoGates = StoredPolicy.read(Map.of(
                SsprPolicyConfig.METHODS, List.of("sms", "voice"), SsprPolicyConfig.GATES_REQUIRED, List.of("2")));

        assertEquals(Enablement.OFF, phoneOnlyTwoGates.enablement());
        assertFalse(phoneOnlyTwoGates.isEnabledFor(group -> true));
    }
}
