package io.github.sspr.sms;

import io.github.sspr.spi.StatelessProviderFactory;

/** Factory of {@link SmsSender}s. */
public interface SmsSenderFactory extends StatelessProviderFactory<SmsSender> {}
