package io.github.sspr.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The SMTP sink end to end on a free port: a mail sent over SMTP reaches the consumer as an outbox message. */
class MailSinkTest {

    @Test
    void reportsEachDeliveredMailAsAnEmailMessage() throws Exception {
        BlockingQueue<OutboxMessage> received = new LinkedBlockingQueue<>();
        try (MailSink sink = new MailSink(0, received::add)) {
            sink.start();

            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", "127.0.0.1");
            smtp.put("mail.smtp.port", String.valueOf(sink.port()));
            Session session = Session.getInstance(smtp);
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress("sspr-demo@demo.sspr.test"));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress("carol@demo.sspr.test"));
            mail.setSubject("Reset password");
            mail.setText("Reset here:\nhttp://localhost:8080/realms/demo/x?key=1&b=2\n", "UTF-8");
            Transport.send(mail);

            OutboxMessage message = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "no mail reported");
            assertEquals("email", message.channel());
            assertEquals("carol@demo.sspr.test", message.to());
            assertEquals("Reset password", message.subject());
            assertEquals("Reset here:\nhttp://localhost:8080/realms/demo/x?key=1&b=2", message.body());
        }
    }
}
