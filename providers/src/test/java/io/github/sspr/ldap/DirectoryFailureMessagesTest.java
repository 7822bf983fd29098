package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every failure the user can see has its text in the login theme (no raw keys on pages). */
class DirectoryFailureMessagesTest {

    @Test
    void everyMessageKeyIsInTheLoginBundle() throws IOException {
        Path bundle = Path.of("../themes/src/main/resources/theme/sspr/login/messages/messages_en.properties");
        Properties messages = new Properties();
        try (Reader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
            messages.load(reader);
        }
        for (DirectoryFailure failure : DirectoryFailure.values()) {
            assertTrue(messages.containsKey(failure.messageKey()), failure.messageKey());
        }
        assertTrue(messages.getProperty("ssprLdapPasswordTooYoungUntil", "").contains("{0}"));
    }
}
