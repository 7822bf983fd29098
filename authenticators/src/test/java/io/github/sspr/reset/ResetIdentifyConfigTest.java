package io.github.sspr.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.captcha.ProofOfWork;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.models.AuthenticatorConfigModel;

/** The identify step's proof-of-work difficulty: never fails at login, whatever was stored. */
class ResetIdentifyConfigTest {

    static Stream<Arguments> bits() {
        int fallback = ProofOfWork.DEFAULT_BITS;
        return Stream.of(
                Arguments.of(null, fallback),
                Arguments.of("", fallback),
                Arguments.of("  ", fallback),
                Arguments.of("0", 0),
                Arguments.of("12", 12),
                Arguments.of(" 20 ", 20),
                Arguments.of(Integer.toString(ProofOfWork.MAX_BITS), ProofOfWork.MAX_BITS),
                Arguments.of(Integer.toString(ProofOfWork.MAX_BITS + 1), fallback),
                Arguments.of("-1", fallback),
                Arguments.of("sixteen", fallback),
                Arguments.of("16.5", fallback),
                Arguments.of("99999999999", fallback));
    }

    @ParameterizedTest(name = "''{0}'' -> {1} bits")
    @MethodSource("bits")
    void readsTheDifficulty(String value, int bits) {
        assertEquals(bits, ResetIdentifyConfig.bits(value));
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        Map<String, String> config = new HashMap<>();
        config.put(ResetIdentifyConfig.CAPTCHA_BITS, value);
        model.setConfig(config);
        assertEquals(bits, ResetIdentifyConfig.of(model).captchaBits());
    }

    @Test
    void noConfigurationAtAllReadsTheDefault() {
        assertEquals(ProofOfWork.DEFAULT_BITS, ResetIdentifyConfig.of(null).captchaBits());
        assertEquals(
                ProofOfWork.DEFAULT_BITS,
                ResetIdentifyConfig.of(new AuthenticatorConfigModel()).captchaBits());
        assertEquals(
                ResetIdentifyConfig.CAPTCHA_BITS,
                ResetIdentifyConfig.metadata().get(0).getName());
        assertEquals(
                ProofOfWork.DEFAULT_BITS, ResetIdentifyConfig.metadata().get(0).getDefaultValue());
    }
}
