package io.github.sspr.config.console;

import io.github.sspr.config.Setting;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;

/** Declared settings as the admin console's form fields (a component's {@code getConfigProperties()}). */
public final class SettingProperties {

    private SettingProperties() {}

    public static List<ProviderConfigProperty> of(List<Setting> settings) {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        for (Setting s : settings) {
            ProviderConfigProperty p = new ProviderConfigProperty();
            p.setName(s.key());
            p.setLabel(s.label());
            p.setRequired(s.required());
            String help = s.help();
            switch (s.kind()) {
                case BOOLEAN -> {
                    p.setType(ProviderConfigProperty.BOOLEAN_TYPE);
                    p.setDefaultValue(s.defaultValue());
                }
                case INTEGER -> {
                    p.setType(ProviderConfigProperty.INTEGER_TYPE);
                    p.setDefaultValue(s.defaultValue());
                    help += " (" + s.range() + ")";
                }
                case NUMBER_CHOICE, CHOICE -> {
                    p.setType(ProviderConfigProperty.LIST_TYPE);
                    p.setOptions(s.options());
                    p.setDefaultValue(s.defaultValue() == null ? null : String.valueOf(s.defaultValue()));
                }
                case MULTI_CHOICE -> {
                    p.setType(ProviderConfigProperty.MULTIVALUED_LIST_TYPE);
                    p.setOptions(s.options());
                    // No default: the console wraps a default into one chip (a list becomes one "a,b" entry). The help
                    // text names it instead, and a policy saved by the SSPR dashboard stores the list explicitly.
                    List<?> defaults = (List<?>) s.defaultValue();
                    if (!defaults.isEmpty()) {
                        help += " Empty or unset: "
                                + String.join(
                                        ", ",
                                        defaults.stream().map(String::valueOf).toList()) + ".";
                    }
                }
                case TEXT -> p.setType(ProviderConfigProperty.STRING_TYPE);
                case TEXT_LIST -> p.setType(ProviderConfigProperty.MULTIVALUED_STRING_TYPE);
                case GROUP -> p.setType(ProviderConfigProperty.GROUP_TYPE);
            }
            p.setHelpText(help);
            properties.add(p);
        }
        return properties;
    }
}
