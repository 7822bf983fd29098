package io.github.sspr.policy.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.config.SettingError;
import io.github.sspr.policy.SsprPolicyConfig;
import io.github.sspr.policy.SsprPolicyValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class SsprPolicyPageFactoryTest {

    private final SsprPolicyPageFactory factory = new SsprPolicyPageFactory();

    @Test
    void isTheContractsProviderWithTheConfigSchema() {
        assertEquals(SsprPolicies.PROVIDER_ID, factory.getId());
        assertEquals(
                io.github.sspr.policy.store.SsprPolicyPageFactory.metadata().stream()
                        .map(ProviderConfigProperty::getName)
                        .toList(),
                factory.getConfigProperties().stream()
                        .map(ProviderConfigProperty::getName)
                        .toList());
        List<?> displayFields = (List<?>) factory.getTypeMetadata().get("displayFields");
        for (Object field : displayFields) {
            assertTrue(
                    factory.getConfigProperties().stream()
                            .anyMatch(p -> p.getName().equals(field)),
                    "display field is a config key: " + field);
        }
    }

    /** A refused policy names every field, in one line for a person and one entry per problem for an editor. */
    @Test
    void aRefusalNamesEachField() {
        List<SettingError> errors = SsprPolicyValidator.validate(Map.of(
                SsprPolicyConfig.CUSTOM_QUESTIONS, List.of("Your {first} pet's name?", "Your {first} pet's name?"),
                SsprPolicyConfig.PRIMARY_COLOR, List.of("blue")));
        PolicyChecks.Refusal body = PolicyChecks.refusal(errors);
        assertEquals(
                "Invalid SSPR policy: primaryColor: must be a colour as #rrggbb;"
                        + " customQuestions: 'Your {first} pet's name?' is listed twice",
                body.errorMessage());
        assertEquals(
                List.of(SsprPolicyConfig.PRIMARY_COLOR, SsprPolicyConfig.CUSTOM_QUESTIONS),
                body.errors().stream().map(SettingError::field).toList());
    }

    @Test
    void theMultivaluedListsHaveNoJoinedDefaultTheConsoleWouldShowAsOneChip() {
        for (ProviderConfigProperty property : io.github.sspr.policy.store.SsprPolicyPageFactory.metadata()) {
            if (ProviderConfigProperty.MULTIVALUED_LIST_TYPE.equals(property.getType())) {
                assertEquals(null, property.getDefaultValue(), property.getName());
            }
        }
        assertSame(
                ProviderConfigProperty.GROUP_TYPE,
                io.github.sspr.policy.store.SsprPolicyPageFactory.metadata().stream()
                        .filter(p -> p.getName().equals(SsprPolicyConfig.ENABLED_GROUP))
                        .findFirst()
                        .orElseThrow()
                        .getType());
    }
}
