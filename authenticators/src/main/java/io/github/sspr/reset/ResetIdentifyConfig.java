package io.github.sspr.reset;

import io.github.sspr.captcha.ProofOfWork;
import java.util.List;
import java.util.Map;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The identify step's options, declared once ({@link #metadata}) and read once ({@link #of}). */
record ResetIdentifyConfig(int captchaBits) {

    static final String CAPTCHA_BITS = "captchaBits";

    static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(CAPTCHA_BITS)
                .label("Proof-of-work difficulty (bits)")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(ProofOfWork.DEFAULT_BITS)
                .helpText("The browser must find a hash with this many leading zero bits before the form can be sent"
                        + " (a CAPTCHA that needs no outside service). 16 takes a fraction of a second in a browser;"
                        + " each extra bit doubles it. 0 turns the check off. At most "
                        + ProofOfWork.MAX_BITS
                        + ".")
                .add()
                .build();
    }

    /** Never fails at login: a value that is not a number or out of range reads as the default. */
    static ResetIdentifyConfig of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new ResetIdentifyConfig(bits(config.get(CAPTCHA_BITS)));
    }

    static int bits(String value) {
        if (value == null || value.isBlank()) {
            return ProofOfWork.DEFAULT_BITS;
        }
        try {
            int bits = Integer.parseInt(value.strip());
            return bits < 0 || bits > ProofOfWork.MAX_BITS ? ProofOfWork.DEFAULT_BITS : bits;
        } catch (NumberFormatException e) {
            return ProofOfWork.DEFAULT_BITS;
        }
    }
}
