package io.github.sspr.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.config.SettingError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SsprPolicyValidatorTest {

    private static List<SettingError> validate(String... keyValues) {
        Map<String, List<String>> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], List.of(keyValues[i + 1]));
        }
        return SsprPolicyValidator.validate(config);
    }

    private static List<String> fields(List<SettingError> errors) {
        return errors.stream().map(SettingError::field).toList();
    }

    @Test
    void noConfigurationIsValid() {
        assertEquals(List.of(), SsprPolicyValidator.validate(Map.of()));
        assertEquals(List.of(), SsprPolicyValidator.validate(null));
    }

    @Test
    void enablementMustBeKnownAndAGroupNamed() {
        assertEquals(List.of(SsprPolicyConfig.ENABLED), fields(validate(SsprPolicyConfig.ENABLED, "some")));
        assertEquals(List.of(SsprPolicyConfig.ENABLED_GROUP), fields(validate(SsprPolicyConfig.ENABLED, "group")));
        assertEquals(
                List.of(),
                validate(SsprPolicyConfig.ENABLED, "GROUP", SsprPolicyConfig.ENABLED_GROUP, "/staff/helpdesk"));
        assertEquals(List.of(), validate(SsprPolicyConfig.ENABLED, "off", SsprPolicyConfig.METHODS, ""));
    }

    @Test
    void methodsMustBeKnownAndAtLeastOne() {
        List<SettingError> unknown = validate(SsprPolicyConfig.METHODS, "email##pigeon");
        assertEquals(List.of(SsprPolicyConfig.METHODS), fields(unknown));
        assertTrue(unknown.get(0).message().contains("pigeon"), unknown.get(0).message());

        assertEquals(List.of(SsprPolicyConfig.METHODS), fields(validate(SsprPolicyConfig.METHODS, "")));
    }

    @Test
    void questionsAreNeverTheOnlyGate() {
        List<SettingError> errors = validate(SsprPolicyConfig.METHODS, "email##questions");

        assertEquals(List.of(SsprPolicyConfig.METHODS), fields(errors));
        assertTrue(
                errors.get(0).message().contains("second gate"), errors.get(0).message());
        assertEquals(
                List.of(),
                validate(SsprPolicyConfig.METHODS, "email##questions", SsprPolicyConfig.GATES_REQUIRED, "2"));
    }

    @Test
    void twoGatesNeedTwoKindsOfMethod() {
        assertEquals(
                List.of(SsprPolicyConfig.METHODS),
                fields(validate(SsprPolicyConfig.METHODS, "sms##voice", SsprPolicyConfig.GATES_REQUIRED, "2")));
        assertEquals(List.of(), validate(SsprPolicyConfig.METHODS, "sms##email", SsprPolicyConfig.GATES_REQUIRED, "2"));
        assertEquals(List.of(SsprPolicyConfig.GATES_REQUIRED), fields(validate(SsprPolicyConfig.GATES_REQUIRED, "3")));
        assertEquals(List.of(SsprPolicyConfig.GATES_REQUIRED), fields(validate(SsprPolicyConfig.GATES_REQUIRED, "x")));
    }

    @Test
    void questionCountsAreThreeToFiveAndAnsweredAtMostRegistered() {
        assertEquals(
                List.of(SsprPolicyConfig.QUESTIONS_TO_REGISTER),
                fields(validate(
                        SsprPolicyConfig.QUESTIONS_TO_REGISTER, "6", SsprPolicyConfig.QUESTIONS_TO_ANSWER, "3")));
        assertEquals(
                List.of(SsprPolicyConfig.QUESTIONS_TO_ANSWER),
                fields(validate(SsprPolicyConfig.QUESTIONS_TO_ANSWER, "2")));
        assertEquals(
                List.of(SsprPolicyConfig.QUESTIONS_TO_ANSWER),
                fields(validate(
                        SsprPolicyConfig.QUESTIONS_TO_REGISTER, "4", SsprPolicyConfig.QUESTIONS_TO_ANSWER, "5")));
        assertEquals(
                List.of(),
                validate(SsprPolicyConfig.QUESTIONS_TO_REGISTER, "5", SsprPolicyConfig.QUESTIONS_TO_ANSWER, "5"));
    }

    @Test
    void questionListsAreCheckedAndCappedAtTwentyInTotal() {
        assertEquals(
                List.of(SsprPolicyConfig.OFFERED_QUESTIONS, SsprPolicyConfig.OFFERED_QUESTIONS),
                fields(validate(SsprPolicyConfig.OFFERED_QUESTIONS, "favourite-colour##first-album##first-album")));
        assertEquals(
                List.of(SsprPolicyConfig.CUSTOM_QUESTIONS, SsprPolicyConfig.CUSTOM_QUESTIONS),
                fields(validate(
                        SsprPolicyConfig.CUSTOM_QUESTIONS,
                        "Hi##Where did you learn to swim?##where did you learn   to SWIM?")));
        assertEquals(
                List.of(SsprPolicyConfig.CUSTOM_QUESTIONS),
                fields(validate(SsprPolicyConfig.CUSTOM_QUESTIONS, "x".repeat(201))));

        StringBuilder nine = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            nine.append("Custom question number ").append(i).append("?##");
        }
        List<SettingError> tooMany = validate(SsprPolicyConfig.CUSTOM_QUESTIONS, nine.toString());
        assertEquals(List.of(SsprPolicyConfig.CUSTOM_QUESTIONS), fields(tooMany));
        assertTrue(
                tooMany.get(0).message().contains("21 configured"),
                tooMany.get(0).message());
    }

    @Test
    void questionsNeedEnoughOfferedQuestionsToRegister() {
        assertEquals(
                List.of(SsprPolicyConfig.OFFERED_QUESTIONS),
                fields(validate(
                        SsprPolicyConfig.METHODS, "email##questions",
                        SsprPolicyConfig.GATES_REQUIRED, "2",
                        SsprPolicyConfig.OFFERED_QUESTIONS, "first-album##first-book",
                        SsprPolicyConfig.QUESTIONS_TO_REGISTER, "3")));
    }

    @Test
    void reconfirmationIsZeroToSevenHundredThirtyDays() {
        assertEquals(List.of(), validate(SsprPolicyConfig.RECONFIRM_DAYS, "730"));
        assertEquals(
                List.of(SsprPolicyConfig.RECONFIRM_DAYS), fields(validate(SsprPolicyConfig.RECONFIRM_DAYS, "731")));
        assertEquals(List.of(SsprPolicyConfig.RECONFIRM_DAYS), fields(validate(SsprPolicyConfig.RECONFIRM_DAYS, "-1")));
    }

    @Test
    void helpdeskLinksAreHttpOrMailto() {
        for (String good : List.of(
                "https://help.example.org/reset",
                "http://intranet/help",
                "mailto:help@example.org",
                "mailto:help@example.org?subject=Reset")) {
            assertEquals(List.of(), validate(SsprPolicyConfig.HELPDESK_LINK, good), good);
        }
        for (String bad : List.of(
                "javascript:alert(1)",
                "ftp://example.org",
                "help.example.org",
                "mailto:nobody",
                "https://",
                "data:,x")) {
            assertEquals(
                    List.of(SsprPolicyConfig.HELPDESK_LINK),
                    fields(validate(SsprPolicyConfig.HELPDESK_LINK, bad)),
                    bad);
        }
    }

    @Test
    void brandingIsChecked() {
        assertEquals(List.of(), validate(SsprPolicyConfig.LOGO_URL, "/resources/logo.png"));
        assertEquals(List.of(), validate(SsprPolicyConfig.LOGO_URL, "img/logo.png"));
        assertEquals(List.of(), validate(SsprPolicyConfig.LOGO_URL, "https://cdn.example.org/logo.svg"));
        for (String bad : List.of(
                "http://cdn.example.org/logo.svg",
                "//cdn.example.org/logo.svg",
                "javascript:x",
                "data:image/png;base64,AA",
                "\\\\host\\logo")) {
            assertEquals(List.of(SsprPolicyConfig.LOGO_URL), fields(validate(SsprPolicyConfig.LOGO_URL, bad)), bad);
        }
        assertEquals(List.of(), validate(SsprPolicyConfig.PRIMARY_COLOR, "#a1B2c3"));
        for (String bad : List.of("red", "#abc", "#abcdeg", "a1b2c3")) {
            assertEquals(
                    List.of(SsprPolicyConfig.PRIMARY_COLOR),
                    fields(validate(SsprPolicyConfig.PRIMARY_COLOR, bad)),
                    bad);
        }
        assertEquals(List.of(SsprPolicyConfig.ORG_NAME), fields(validate(SsprPolicyConfig.ORG_NAME, "x".repeat(101))));
        assertEquals(List.of(SsprPolicyConfig.ORG_NAME), fields(validate(SsprPolicyConfig.ORG_NAME, "Evil\nCorp")));
    }

    @Test
    void phoneCountriesAreIsoAlpha2() {
        assertEquals(List.of(), validate(SsprPolicyConfig.PHONE_COUNTRIES, "de##US##gb"));
        List<SettingError> errors = validate(SsprPolicyConfig.PHONE_COUNTRIES, "DE##XX##USA##UK");
        assertEquals(3, errors.size());
        assertTrue(errors.get(0).message().contains("'XX'"), errors.get(0).message());
    }

    @Test
    void adminResetLinkLivesFiveMinutesToADay() {
        String key = SsprPolicyConfig.ADMIN_RESET_LINK_MINUTES;
        assertEquals(List.of(), validate(key, "5"));
        assertEquals(List.of(), validate(key, "1440"));
        assertEquals(List.of(key), fields(validate(key, "4")));
        assertEquals(List.of(key), fields(validate(key, "1441")));
    }

    @Test
    void codeLifetimeIsOneToTenMinutes() {
        assertEquals(List.of(), validate(SsprPolicyConfig.CODE_LIFETIME_MINUTES, "1"));
        assertEquals(List.of(), validate(SsprPolicyConfig.CODE_LIFETIME_MINUTES, "10"));
        assertEquals(
                List.of(SsprPolicyConfig.CODE_LIFETIME_MINUTES),
                fields(validate(SsprPolicyConfig.CODE_LIFETIME_MINUTES, "11")));
        assertEquals(
                List.of(SsprPolicyConfig.CODE_LIFETIME_MINUTES),
                fields(validate(SsprPolicyConfig.CODE_LIFETIME_MINUTES, "0")));
    }

    @Test
    void booleansAreTrueOrFalse() {
        assertEquals(
                List.of(SsprPolicyConfig.SIGN_OUT_OTHER_SESSIONS),
                fields(validate(SsprPolicyConfig.SIGN_OUT_OTHER_SESSIONS, "on")));
    }

    @Test
    void everyProblemIsReported() {
        List<SettingError> errors = validate(
                SsprPolicyConfig.GATES_REQUIRED, "9",
                SsprPolicyConfig.PRIMARY_COLOR, "blue",
                SsprPolicyConfig.CODE_LIFETIME_MINUTES, "60");

        assertEquals(
                List.of(
                        SsprPolicyConfig.GATES_REQUIRED,
                        SsprPolicyConfig.PRIMARY_COLOR,
                        SsprPolicyConfig.CODE_LIFETIME_MINUTES),
                fields(errors));
    }
}
