package io.github.sspr.sms;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Sends SMS texts and places voice calls. One implementation is active per server (see
 * {@code --spi-sspr-sms-sender--provider}); it is looked up per request with
 * {@code session.getProvider(SmsSender.class)}.
 */
public interface SmsSender extends Provider {

    /**
     * Delivers {@code message} or throws. Implementations must return or fail within their configured timeout:
     * the caller is a login request thread.
     *
     * @param realm the realm on whose behalf the message goes out (selects vault secrets)
     * @return the provider's identifier for the message or call, for the admin's event trail
     */
    SendReceipt send(RealmModel realm, OutboundMessage message) throws SmsSendException;

    /** The provider's acknowledgement. */
    record SendReceipt(String providerId, String providerMessageId) {}

    @Override
    default void close() {}
}
