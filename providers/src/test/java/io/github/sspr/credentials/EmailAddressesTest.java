package io.github.sspr.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.credentials.email.EmailAddresses;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    @Test
    void masksAllButTheFirstCharacterOfTheLocalPart() {
        assertEquals("d*******@demo.sspr.test", EmailAddresses.mask("dave.alt@demo.sspr.test"));
        assertEquals("a*@x.io", EmailAddresses.mask("a@x.io"));
    }

    @Test
    void parsesPlainAddressesOnly() {
        assertEquals(Optional.of("dave.alt@demo.sspr.test"), EmailAddresses.parse("  dave.alt@demo.sspr.test "));
        assertTrue(EmailAddresses.parse("not an address").isEmpty());
        assertTrue(EmailAddresses.parse("a@b").isEmpty());
        assertTrue(EmailAddresses.parse("a@b.c, x@y.z").isEmpty());
        assertTrue(EmailAddresses.parse("x".repeat(250) + "@b.cd").isEmpty());
    }

    @Test
    void comparesCaseInsensitively() {
        assertTrue(EmailAddresses.same("Dave@Demo.SSPR.test", "dave@demo.sspr.test"));
        assertFalse(EmailAddresses.same("dave@demo.sspr.test", "dave.alt@demo.sspr.test"));
    }
}
