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

    /** The first link into Keycloak in the text, e.g. a reset-credentials action token. */
    public static String firstKeycloakLink(MimeMessage message) {
        Matcher matcher = LINK.matcher(text(message));
        if (!matcher.find()) {
            throw new AssertionError("No Keycloak link in mail: " + text(message));
        }
        return matcher.group(1).replace("&amp;", "&");
    }
}
