package io.github.sspr.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SsprPolicyTest {

    private static final SsprPolicy WITH_QUESTIONS = SsprPolicy.builder()
            .methods(Set.of(Method.EMAIL, Method.SMS, Method.QUESTIONS))
            .gatesRequired(2)
            .build();

    @Test
    void privilegedUsersGetTwoGatesAndNoQuestions() {
        SsprPolicy admin = io.github.sspr.access.rule.ResetAccess.effective(SsprPolicy.defaults(), true);
        assertEquals(2, admin.gatesRequired());

        SsprPolicy adminWithQuestions = io.github.sspr.access.rule.ResetAccess.effective(WITH_QUESTIONS, true);
        assertEquals(Set.of(Method.EMAIL, Method.SMS), adminWithQuestions.methods());
        assertFalse(adminWithQuestions.allows(Method.QUESTIONS));
    }

    @Test
    void otherUsersGetThePolicyAsIs() {
        assertSame(WITH_QUESTIONS, io.github.sspr.access.rule.ResetAccess.effective(WITH_QUESTIONS, false));
        assertTrue(WITH_QUESTIONS.allows(Method.QUESTIONS));
    }

    @Test
    void enablementDecidesWhoMayReset() {
        assertTrue(SsprPolicy.defaults().isEnabledFor(group -> false));
        assertFalse(SsprPolicy.builder().enablement(Enablement.OFF).build().isEnabledFor(group -> true));

        SsprPolicy staffOnly = SsprPolicy.builder()
                .enablement(Enablement.GROUP)
                .enabledGroup("/staff")
                .build();
        assertTrue(staffOnly.isEnabledFor("/staff"::equals));
        assertFalse(staffOnly.isEnabledFor("/guests"::equals));
    }

    @Test
    void aGroupIsOnlyKeptWhenEnablementIsGroup() {
        assertNull(SsprPolicy.builder().enabledGroup("/staff").build().enabledGroup());
    }

    @Test
    void phoneCountriesLimitWhereCodesGo() {
        assertTrue(SsprPolicy.defaults().allowsPhoneCountry("NG"), "an empty list allows every country");

        SsprPolicy europe =
                SsprPolicy.builder().phoneCountries(List.of("de", "FR")).build();
        assertTrue(europe.allowsPhoneCountry("DE"));
        assertTrue(europe.allowsPhoneCountry("fr"));
        assertFalse(europe.allowsPhoneCountry("US"));
        assertFalse(europe.allowsPhoneCountry(null));
    }

    @Test
    void theBuilderRefusesAnInvalidPolicy() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SsprPolicy.builder()
                        .methods(Set.of(Method.QUESTIONS, Method.EMAIL))
                        .gatesRequired(1)
                        .codeLifetimeMinutes(30)
                        .build());

        assertTrue(e.getMessage().contains(SsprPolicyConfig.METHODS), e.getMessage());
        assertTrue(e.getMessage().contains(SsprPolicyConfig.CODE_LIFETIME_MINUTES), e.getMessage());
    }

    @Test
    void collectionsCannotBeChangedFromOutside() {
        SsprPolicy policy = SsprPolicy.defaults();

        assertThrows(UnsupportedOperationException.class, () -> policy.methods().add(Method.QUESTIONS));
        assertThrows(
                UnsupportedOperationException.class,
                () -> policy.offeredQuestionIds().clear());
        assertThrows(
                UnsupportedOperationException.class,
                () -> policy.phoneCountries().add("US"));
    }

    @Test
    void toBuilderRoundTrips() {
        SsprPolicy policy = WITH_QUESTIONS.toBuilder()
                .orgName("Example")
                .primaryColor("#112233")
                .build();

        assertEquals(policy, policy.toBuilder().build());
        assertEquals("Example", policy.orgName());
    }

    @Test
    void methodsAndFactors() {
        assertEquals(Method.Factor.PHONE, Method.SMS.factor());
        assertEquals(Method.Factor.PHONE, Method.VOICE.factor());
        assertEquals(1, SsprPolicyValidator.factors(Set.of(Method.SMS, Method.VOICE)));
        assertEquals(3, SsprPolicyValidator.factors(Set.of(Method.EMAIL, Method.VOICE, Method.QUESTIONS)));
        assertEquals(Method.QUESTIONS, Method.fromId(" Questions ").orElseThrow());
        assertTrue(Method.fromId("fax").isEmpty());
        assertEquals("sms", Method.SMS.id());
    }
}
