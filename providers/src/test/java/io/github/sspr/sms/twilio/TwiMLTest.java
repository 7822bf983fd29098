package io.github.sspr.sms.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwiMLTest {

    /** Keycloak's locales of the languages SSPR ships, as a realm resolves them, and the voice each must get. */
    private static final Map<String, String> SHIPPED = Map.of(
            "en", "en-US",
            "de", "de-DE",
            "fr", "fr-FR",
            "es", "es-ES",
            "pt-BR", "pt-BR",
            "ja", "ja-JP");

    @Test
    void mapsEveryShippedLocaleToItsTwilioLanguage() {
        SHIPPED.forEach(
                (tag, language) -> assertEquals(language, TwiML.voiceLanguage(Locale.forLanguageTag(tag)), tag));
        // Keycloak hands over pt_BR as Locale("pt", "BR"); the same language whichever way it was built.
        assertEquals("pt-BR", TwiML.voiceLanguage(new Locale("pt", "BR")));
        assertEquals("de-DE", TwiML.voiceLanguage(Locale.forLanguageTag("de-AT")));
        assertEquals("en-GB", TwiML.voiceLanguage(Locale.UK));
    }

    @Test
    void fallsBackToUsEnglish() {
        assertEquals("en-US", TwiML.voiceLanguage(Locale.forLanguageTag("fi")));
        assertEquals("en-US", TwiML.voiceLanguage(Locale.ROOT));
        assertEquals("en-US", TwiML.voiceLanguage(null));
    }

    @Test
    void languagesTheBasicVoiceCannotSpeakGetAVoiceOfTheirOwn() {
        assertEquals("Polly.Mizuki", TwiML.voiceFor("ja-JP"));
        assertEquals("Polly.Camila", TwiML.voiceFor("pt-BR"));
        for (String basic : new String[] {"en-US", "en-GB", "de-DE", "fr-FR", "es-ES"}) {
            assertNull(TwiML.voiceFor(basic), basic + " keeps the account's default voice");
        }
    }

    @Test
    void saysTheTextInTheMessagesLanguage() {
        assertEquals(
                "<Response><Say language=\"de-DE\" loop=\"2\">Ihr Code lautet 1 2 3.</Say></Response>",
                TwiML.say("Ihr Code lautet 1 2 3.", Locale.GERMAN, 2));
        assertEquals(
                "<Response><Say language=\"en-US\" loop=\"1\">Your code is 1 2 3.</Say></Response>",
                TwiML.say("Your code is 1 2 3.", Locale.ENGLISH, 1));
    }

    @Test
    void japaneseAndPortugueseAreSpokenByAMatchingVoice() {
        assertEquals(
                "<Response><Say language=\"ja-JP\" voice=\"Polly.Mizuki\" loop=\"2\">確認コードは 1 2 3 です。</Say></Response>",
                TwiML.say("確認コードは 1 2 3 です。", Locale.JAPANESE, 2));
        assertEquals(
                "<Response><Say language=\"pt-BR\" voice=\"Polly.Camila\" loop=\"3\">Seu código é 1 2 3.</Say></Response>",
                TwiML.say("Seu código é 1 2 3.", Locale.forLanguageTag("pt-BR"), 3));
    }

    @Test
    void escapesMarkupSoTheDocumentCannotBeAltered() {
        assertEquals(
                "&lt;/Say&gt;&lt;Dial&gt;+1&lt;/Dial&gt; &amp; &quot;x&quot; &apos;y&apos;",
                TwiML.escape("</Say><Dial>+1</Dial> & \"x\" 'y'"));
        assertEquals("ab", TwiML.escape("a\u0001b"), "control characters are dropped");
    }
}
