package io.github.sspr.demo;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable text of a mail: its text/plain part when it has one (Keycloak's mails do), otherwise its HTML turned
 * into text with each link written out in full, so that a person can copy a reset link from the console.
 */
final class MailText {

    private static final Pattern DROPPED_BLOCKS = Pattern.compile("(?is)<(head|style|script)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern LINK =
            Pattern.compile("(?is)<a\\b[^>]*?href\\s*=\\s*([\"'])(.*?)\\1[^>]*>(.*?)</a\\s*>");
    private static final Pattern LINE_BREAKS = Pattern.compile("(?i)<br\\s*/?>|</(p|div|tr|li|h[1-6]|table)\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x{00A0}]+");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");

    private MailText() {}

    /** The text of {@code part}; never null. */
    static String of(Part part) throws MessagingException, IOException {
        Optional<String> plain = find(part, "text/plain");
        if (plain.isPresent()) {
            return normalize(plain.get());
        }
        Optional<String> html = find(part, "text/html");
        if (html.isPresent()) {
            return normalize(htmlToText(html.get()));
        }
        return "";
    }

    private static Optional<String> find(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            Object content = part.getContent();
            return content instanceof String text ? Optional.of(text) : Optional.empty();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<String> found = find(child, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** A small HTML-to-text conversion for mails without a text part: links become "text ( url )", spaced so that a terminal does not take the bracket into the link. */
    static String htmlToText(String html) {
        String text = DROPPED_BLOCKS.matcher(html).replaceAll("");
        Matcher link = LINK.matcher(text);
        StringBuilder withLinks = new StringBuilder();
        while (link.find()) {
            String url = decodeEntities(link.group(2).trim());
            String label =
                    decodeEntities(TAG.matcher(link.group(3)).replaceAll("")).trim();
            String replacement = label.isEmpty() || label.equals(url) ? url : label + " ( " + url + " )";
            link.appendReplacement(withLinks, Matcher.quoteReplacement(replacement));
        }
        link.appendTail(withLinks);
        text = LINE_BREAKS.matcher(withLinks).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        // HTML source indentation and runs of blanks mean nothing once the tags are gone.
        return SPACES.matcher(decodeEntities(text)).replaceAll(" ").replaceAll("(?m)^ | $", "");
    }

    private static String decodeEntities(String text) {
        Matcher numeric = NUMERIC_ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (numeric.find()) {
            int codePoint = Integer.parseInt(numeric.group(2), numeric.group(1).isEmpty() ? 10 : 16);
            numeric.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(codePoint))));
        }
        numeric.appendTail(out);
        return out.toString()
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /** Unix line breaks, no trailing blanks, at most one empty line in a row, no empty lines around the text. */
    static String normalize(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder out = new StringBuilder();
        int emptyRun = 0;
        for (String raw : lines) {
            String line = raw.stripTrailing();
            if (line.isEmpty()) {
                emptyRun++;
                continue;
            }
            if (out.length() > 0) {
                out.append(emptyRun > 0 ? "\n\n" : "\n");
            }
            out.append(line);
            emptyRun = 0;
        }
        return out.toString();
    }
}
