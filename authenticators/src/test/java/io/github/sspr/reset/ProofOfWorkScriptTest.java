package io.github.sspr.reset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The identify page's proof-of-work script hashes with the browser's Web Crypto, not a SHA-256 of its own (ResetJourneyIT
 * shows Chromium solving it).
 */
class ProofOfWorkScriptTest {

    private static String script() throws IOException {
        try (InputStream in =
                ProofOfWorkScriptTest.class.getResourceAsStream("/theme-resources/resources/js/sspr-pow.js")) {
            assertNotNull(in, "sspr-pow.js is on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void hashesWithWebCrypto() throws IOException {
        String js = script();
        assertTrue(js.contains("subtle.digest(\"SHA-256\""), js);
        // SHA-256's first round constant and initial hash value: present only in a hand-written implementation.
        assertFalse(js.toLowerCase().contains("0x428a2f98"), "no SHA-256 of its own");
        assertFalse(js.toLowerCase().contains("0x6a09e667"), "no SHA-256 of its own");
    }

    @Test
    void saysWhyWhenWebCryptoIsMissing() throws IOException {
        assertTrue(script().contains("data-insecure"));
    }
}
