package io.github.sspr.registration;

import io.github.sspr.spi.StatelessProviderFactory;
import java.util.List;
import java.util.stream.Stream;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/** The {@value #ID} required action: register and verify recovery methods (phone, alternate email, questions). */
public final class RegisterActionFactory
        implements RequiredActionFactory, StatelessProviderFactory<RequiredActionProvider> {

    public static final String ID = "sspr-register";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Register password-reset methods (SSPR)";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new RegisterAction(session);
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return Stream.concat(
                        RegisterActionConfig.metadata().stream(),
                        RequiredActionFactory.super.getConfigMetadata().stream())
                .toList();
    }

    /** Invalid settings are refused when the admin saves them, not discovered at a user's sign-in. */
    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        try {
            RegisterActionConfig.read(model::getConfigValue);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    new ValidationError(ID, RegisterActionConfig.DEFAULT_PHONE_REGION, "error-invalid-value"));
        }
    }
}
