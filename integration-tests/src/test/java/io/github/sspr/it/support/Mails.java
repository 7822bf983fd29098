package io.github.sspr.it.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what Keycloak sent through GreenMail. */
public final class Mails {

    private static final Pattern LINK = Pattern.compile("(http://localhost:8080/realms/[^\\s\"<>]+)");

    private Mails() {}

    /** The plain-text part of a message (Keycloak sends text and HTML alternatives). */
    public static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof String s) {
                return s;
            }
            Multipart multipart = (Multipart) content;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
            }
            return (String) multipart.getBodyPart(0).getContent();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("Unreadable mail", e);
        }
    }

    /**
     * The {@code digits}-digit code in the newest message to {@code address}, waiting up to 10 s for it.
     *
     * @param before how many messages GreenMail held before the send
     */
    public static String codeSentTo(
            org.keycloak.testframework.mail.MailServer mail, String address, int before, int digits) {
        if (!mail.waitForIncomingEmail(10_000, before + 1)) {
            throw new AssertionError("no mail to " + address + " within 10 s");
        }
        MimeMessage[] messages = mail.getReceivedMessages();
        for (int i = messages.length - 1; i >= 0; i--) {
            try {
                jakarta.mail.Address[] to = messages[i].getAllRecipients();
                if (to != null && to.length > 0 && to[0].toString().equalsIgnoreCase(address)) {
                    Matcher matcher =
                            Pattern.compile("\\b(\\d{" + digits + "})\\b").matcher(text(messages[i]));
                    if (!matcher.find()) {
                        throw new AssertionError("no code in mail: " + text(messages[i]));
                    }
                    return matcher.group(1);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no mail to " + address);
    }

    /** The first link into Keycloak in the text, e.g. a reset-credentials action token. */
    public static String firstKeycloakLink(MimeMessage message) {
        Matcher matcher = LINK.matcher(text(message));
        if (!matcher.find()) {
            throw new AssertionError("No Keycloak link in mail: " + text(message));
        }
        return matcher.group(1).replace("&amp;", "&");
    }
}
