package io.github.sspr.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.provider.ProviderConfigProperty;

/** The registration action's one setting: read once, refused when invalid (so the admin hears of it on saving). */
class RegisterActionConfigTest {

    private static Map<String, String> options(String region) {
        Map<String, String> options = new HashMap<>();
        options.put(RegisterActionConfig.DEFAULT_PHONE_REGION, region);
        return options;
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of(null, null),
                Arguments.of("", null),
                Arguments.of("   ", null),
                Arguments.of("US", "US"),
                Arguments.of("de", "DE"),
                Arguments.of(" gb ", "GB"));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @MethodSource("valid")
    void readsTheDefaultCountry(String value, String region) {
        assertEquals(region, RegisterActionConfig.read(options(value)::get).defaultPhoneRegion());
    }

    static Stream<String> invalid() {
        return Stream.of("XX", "USA", "U", "49", "Germany", "ZZ");
    }

    @ParameterizedTest(name = "''{0}'' is refused, naming the option")
    @MethodSource("invalid")
    void refusesWhatIsNotACountry(String value) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RegisterActionConfig.read(options(value)::get));
        assertTrue(
                e.getMessage().startsWith(RegisterActionConfig.DEFAULT_PHONE_REGION + ": '" + value.strip() + "'"),
                e.getMessage());
    }

    @Test
    void theDefaultsRequireInternationalNumbersAndTheOptionIsDeclaredOnce() {
        assertEquals(null, RegisterActionConfig.defaults().defaultPhoneRegion());
        List<ProviderConfigProperty> metadata = RegisterActionConfig.metadata();
        assertEquals(1, metadata.size());
        assertEquals(RegisterActionConfig.DEFAULT_PHONE_REGION, metadata.get(0).getName());
        assertEquals(ProviderConfigProperty.STRING_TYPE, metadata.get(0).getType());
    }
}
