package io.github.sspr.sms;

import org.keycloak.provider.ProviderFactory;

/** Factory of {@link SmsSender}s. */
public interface SmsSenderFactory extends ProviderFactory<SmsSender> {}
