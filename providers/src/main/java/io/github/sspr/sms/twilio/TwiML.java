package io.github.sspr.sms.twilio;

import java.util.Locale;

/** Builds the TwiML document of a voice call that reads a text aloud. */
final class TwiML {

    private TwiML() {}

    static String say(String text, Locale locale, int repeat) {
        String language = voiceLanguage(locale);
        String voice = voiceFor(language);
        return "<Response><Say language=\"" + language + "\"" + (voice == null ? "" : " voice=\"" + voice + "\"")
                + " loop=\"" + repeat + "\">" + escape(text) + "</Say></Response>";
    }

    /**
     * Twilio's {@code <Say>} language for the locale a message was written in: one per language SSPR ships (en, de,
     * fr, es, pt-BR, ja); anything else is read in US English, the language its text then falls back to as well.
     */
    static String voiceLanguage(Locale locale) {
        if (locale == null) {
            return "en-US";
        }
        return switch (locale.getLanguage()) {
            case "de" -> "de-DE";
            case "fr" -> "fr-FR";
            case "es" -> "es-ES";
            case "pt" -> "pt-BR";
            case "ja" -> "ja-JP";
            case "en" -> "GB".equals(locale.getCountry()) ? "en-GB" : "en-US";
            default -> "en-US";
        };
    }

    /**
     * The voice for a {@code <Say>} language, or {@code null} to keep the account's default voice. Twilio's default
     * (basic) voices speak only English, German, French and Spanish; a Japanese or Portuguese text needs a voice of
     * its own, so those get an Amazon Polly standard voice that Twilio offers for that language.
     */
    static String voiceFor(String language) {
        return switch (language) {
            case "ja-JP" -> "Polly.Mizuki";
            case "pt-BR" -> "Polly.Camila";
            default -> null;
        };
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // Control characters are not allowed in XML 1.0; drop them rather than break the document.
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
