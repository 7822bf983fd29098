package io.github.sspr.sms.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TwiMLTest {

    @Test
    void saysTheTextInTheUsersLanguage() {
        assertEquals(
                "<Response><Say language=\"ja-JP\" loop=\"2\">1 2 3</Say></Response>",
                TwiML.say("1 2 3", Locale.JAPANESE, 2));
    }

    @Test
    void mapsShippedLocalesToTwilioVoices() {
        assertEquals("de-DE", TwiML.voiceLanguage(Locale.GERMAN));
        assertEquals("fr-FR", TwiML.voiceLanguage(Locale.FRENCH));
        assertEquals("es-ES", TwiML.voiceLanguage(Locale.forLanguageTag("es")));
        assertEquals("pt-BR", TwiML.voiceLanguage(Locale.forLanguageTag("pt-BR")));
        assertEquals("en-GB", TwiML.voiceLanguage(Locale.UK));
        assertEquals("en-US", TwiML.voiceLanguage(Locale.ENGLISH));
        assertEquals("en-US", TwiML.voiceLanguage(Locale.forLanguageTag("fi")));
        assertEquals("en-US", TwiML.voiceLanguage(null));
    }

    @Test
    void escapesMarkupSoTheDocumentCannotBeAltered() {
        assertEquals(
                "&lt;/Say&gt;&lt;Dial&gt;+1&lt;/Dial&gt; &amp; &quot;x&quot; &apos;y&apos;",
                TwiML.escape("</Say><Dial>+1</Dial> & \"x\" 'y'"));
        assertEquals("ab", TwiML.escape("a\u0001b"), "control characters are dropped");
    }
}
