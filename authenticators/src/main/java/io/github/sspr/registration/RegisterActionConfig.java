package io.github.sspr.registration;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The registration action's own settings, declared once ({@link #metadata()}) and read once ({@link #read}). What may
 * be registered and how many methods are needed is the realm's SSPR policy, not this: these settings only shape the
 * pages.
 *
 * @param defaultPhoneRegion ISO 3166 alpha-2 country for numbers typed without {@code +} and country code, or
 *     {@code null} to require international form
 */
public record RegisterActionConfig(String defaultPhoneRegion) {

    public static final String DEFAULT_PHONE_REGION = "default-phone-region";

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    public static RegisterActionConfig defaults() {
        return new RegisterActionConfig(null);
    }

    public static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(DEFAULT_PHONE_REGION)
                .label("Default phone country")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("ISO 3166 country code (e.g. US, DE) for phone numbers typed in national form. Empty:"
                        + " users type numbers in international form (+country code).")
                .add()
                .build();
    }

    /**
     * @param options the action's configuration value by name, or {@code null} when unset
     * @throws IllegalArgumentException naming the option when a value is invalid
     */
    public static RegisterActionConfig read(Function<String, String> options) {
        String region = options.apply(DEFAULT_PHONE_REGION);
        if (region == null || region.isBlank()) {
            return defaults();
        }
        String upper = region.strip().toUpperCase(Locale.ROOT);
        if (!ISO_COUNTRIES.contains(upper)) {
            throw new IllegalArgumentException(
                    DEFAULT_PHONE_REGION + ": '" + region.strip() + "' is not an ISO 3166 alpha-2 country code");
        }
        return new RegisterActionConfig(upper);
    }
}
