package io.github.sspr.demo;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The demo's SMTP sink: GreenMail on the loopback interface, accepting every mail without authentication (the demo
 * realm sends without it). Each delivered mail is handed to a consumer as an {@link OutboxMessage}, one per recipient.
 */
final class MailSink implements AutoCloseable {

    private final GreenMail greenMail;
    private final Consumer<OutboxMessage> consumer;

    MailSink(int port, Consumer<OutboxMessage> consumer) {
        this.consumer = consumer;
        ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        this.greenMail = new GreenMail(smtp)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    void start() {
        greenMail.start();
        UserManager users = greenMail.getUserManager();
        MessageDeliveryHandler store = users.getMessageDeliveryHandler();
        // Keep GreenMail's own delivery (it files the mail in a mailbox it creates on the fly) and report the mail.
        users.setMessageDeliveryHandler((message, recipient) -> {
            report(message.getMessage(), recipient.getEmail());
            return store.handle(message, recipient);
        });
    }

    /** The port actually listened on (differs from the configured one only when that was 0). */
    int port() {
        return greenMail.getSmtp().getPort();
    }

    private void report(MimeMessage mail, String recipient) {
        // Runs on GreenMail's SMTP thread: whatever goes wrong here must not turn into an SMTP error for Keycloak.
        try {
            consumer.accept(toOutboxMessage(mail, recipient, Instant.now()));
        } catch (RuntimeException | MessagingException | IOException e) {
            System.err.println("[demo] could not show a received mail: " + e);
        }
    }

    static OutboxMessage toOutboxMessage(MimeMessage mail, String recipient, Instant time)
            throws MessagingException, IOException {
        return new OutboxMessage(time, OutboxMessage.EMAIL, recipient, mail.getSubject(), MailText.of(mail));
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
