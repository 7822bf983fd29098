package io.github.sspr.sms.dev;

import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.sms.OutboundMessage;
import io.github.sspr.sms.SmsSendException;
import io.github.sspr.sms.SmsSender;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/** Writes the message to the outbox; logs only a masked line (the outbox, not the log, holds the text). */
final class DevSmsSender implements SmsSender {

    private static final Logger LOG = Logger.getLogger(DevSmsSender.class);

    private final Outbox outbox;

    DevSmsSender(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public SendReceipt send(RealmModel realm, OutboundMessage message) throws SmsSendException {
        String to = PhoneNumbers.toE164(message.to(), null)
                .orElseThrow(() -> new SmsSendException(
                        SmsSendException.Reason.INVALID_NUMBER, "Destination is not an E.164 number"));
        String subject = message.channel().id() + " for realm " + realm.getName();
        outbox.append(message.channel().id(), to, subject, message.text());
        LOG.infof(
                "SSPR dev sink: %s to %s written to %s", message.channel().id(), PhoneNumbers.mask(to), outbox.path());
        return new SendReceipt(DevSmsSenderFactory.ID, "dev-" + UUID.randomUUID());
    }
}
