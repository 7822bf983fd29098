package io.github.sspr.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailTextTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String LINK =
            "http://localhost:8080/realms/demo/login-actions/action-token?key=eyJhbGciOi.abc-def_ghi&client_id=account";

    /** A message as it comes over SMTP: written out and parsed again, so encodings are really applied. */
    private static MimeMessage roundTrip(MimeMessage message) throws Exception {
        message.saveChanges();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        message.writeTo(wire);
        return new MimeMessage(SESSION, new ByteArrayInputStream(wire.toByteArray()));
    }

    @Test
    void prefersThePlainTextPartOfAnAlternativeMail() throws Exception {
        MimeBodyPart text = new MimeBodyPart();
        // Long enough that quoted-printable would wrap it: the decoded text must hold the link whole.
        text.setText("Someone asked to reset.\r\n\r\n" + LINK + "\r\n\r\nThis link expires.  \r\n", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>HTML version</p>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeMessage message = new MimeMessage(SESSION);
        message.setSubject("Reset password");
        message.setContent(alternative);

        assertEquals("Someone asked to reset.\n\n" + LINK + "\n\nThis link expires.", MailText.of(roundTrip(message)));
    }

    @Test
    void turnsHtmlOnlyMailsIntoTextWithTheLinksWrittenOut() throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setContent(
                "<html><head><style>p{color:red}</style></head><body>\n"
                        + "   <p>Hello&nbsp;Carol,</p>\n"
                        + "   <p>Click <a href=\"" + LINK.replace("&", "&amp;") + "\">this link</a> to reset.<br>"
                        + "Bye &amp; thanks</p></body></html>",
                "text/html; charset=UTF-8");

        assertEquals(
                "Hello Carol,\n\nClick this link ( " + LINK + " ) to reset.\nBye & thanks",
                MailText.of(roundTrip(message)));
    }

    @Test
    void aLinkWhoseTextIsTheUrlIsWrittenOnce() {
        assertEquals("Go http://x/y", MailText.htmlToText("Go <a href='http://x/y'>http://x/y</a>"));
    }

    @Test
    void normalizeTrimsAndCollapsesEmptyLines() {
        assertEquals("a\n\nb\nc", MailText.normalize("\r\n\r\na  \r\n\r\n\r\n\r\nb\rc\n\n"));
        assertEquals("", MailText.normalize(new String(new byte[0], StandardCharsets.UTF_8)));
    }
}
