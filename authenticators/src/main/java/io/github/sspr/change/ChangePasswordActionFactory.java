package io.github.sspr.change;

import io.github.sspr.adminreset.token.AdminResetActionToken;
import io.github.sspr.spi.StatelessProviderFactory;
import java.util.List;
import java.util.stream.Stream;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The {@value #ID} required action: change the password on SSPR's password page (rules up front, live checklist,
 * every broken rule explained, writeback through the credential manager). Used three ways: app-initiated
 * ({@code kc_action=sspr-change-password}, e.g. the account console's link), for a forced change (expired or temporary
 * password, when {@value #FORCED} is on), and behind an administrator's reset link.
 */
public final class ChangePasswordActionFactory
        implements RequiredActionFactory, StatelessProviderFactory<RequiredActionProvider> {

    public static final String ID = AdminResetActionToken.REQUIRED_ACTION;

    /** Config: also take over Keycloak's forced password change (UPDATE_PASSWORD: expired or temporary password). */
    public static final String FORCED = "sspr-forced-change";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Change password (SSPR)";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new ChangePasswordAction(session);
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> own = ProviderConfigurationBuilder.create()
                .property()
                .name(FORCED)
                .label("Take over Keycloak's password page")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("true")
                .helpText("Show this page instead of Keycloak's 'Update Password': for the account console's Update"
                        + " button and kc_action=UPDATE_PASSWORD, for an expired password (realm password policy) and"
                        + " for a temporary password set by an admin. Give this action a higher place (lower priority"
                        + " number) than 'Update Password'.")
                .add()
                .build();
        return Stream.concat(own.stream(), RequiredActionFactory.super.getConfigMetadata().stream())
                .toList();
    }
}
