package io.github.sspr.it.support;

import java.util.List;
import org.keycloak.testframework.TestFrameworkExtension;
import org.keycloak.testframework.injection.Supplier;

/** The suite's additions to the Keycloak Test Framework: the oldest-Keycloak server ({@link OldestKeycloakServer}). */
public final class SsprTestExtension implements TestFrameworkExtension {

    @Override
    public List<Supplier<?, ?>> suppliers() {
        return List.of(new OldestKeycloakServer.Supplier());
    }
}
