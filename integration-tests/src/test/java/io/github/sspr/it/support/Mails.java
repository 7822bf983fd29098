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

    /** The HTML part of a message, or {@code null} when it has none. */
    public static String html(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (!(content instanceof Multipart multipart)) {
                return message.isMimeType("text/html") ? (String) content : null;
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/html")) {
                    return (String) part.getContent();
                }
            }
            return null;
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

    /** Message-IDs of everything GreenMail holds now (it lists messages by mailbox, not by arrival order). */
    public static java.util.Set<String> seen(org.keycloak.testframework.mail.MailServer mail) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            ids.add(id(message));
        }
        return ids;
    }

    /**
     * The {@code digits}-digit code in the first message to {@code address} that was not in {@code seen}, waiting up to
     * 10 s for it. Robust against other mail arriving meanwhile (notifications are sent after commit, off the request).
     */
    public static String codeTo(
            org.keycloak.testframework.mail.MailServer mail, String address, java.util.Set<String> seen, int digits) {
        return text(newMailTo(mail, address, seen))
                .lines()
                .map(line -> Pattern.compile("\\b(\\d{" + digits + "})\\b").matcher(line))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + digits + "-digit code in the mail to " + address));
    }

    /** The first message to {@code address} not in {@code seen}, waiting (on GreenMail, no polling) up to 10 s. */
    public static MimeMessage newMailTo(
            org.keycloak.testframework.mail.MailServer mail, String address, java.util.Set<String> seen) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            MimeMessage[] messages = mail.getReceivedMessages();
            for (MimeMessage message : messages) {
                if (!seen.contains(id(message)) && sentTo(message, address)) {
                    return message;
                }
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0 || !mail.waitForIncomingEmail(left, messages.length + 1)) {
                throw new AssertionError("no new mail to " + address + " within 10 s");
            }
        }
    }

    /** Whether any message not in {@code seen} went to {@code address} (for "nothing was sent" checks). */
    public static boolean anyNewMailTo(
            org.keycloak.testframework.mail.MailServer mail, String address, java.util.Set<String> seen) {
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (!seen.contains(id(message)) && sentTo(message, address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sentTo(MimeMessage message, String address) {
        try {
            jakarta.mail.Address[] to = message.getAllRecipients();
            return to != null
                    && java.util.Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
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
