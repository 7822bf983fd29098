package io.github.sspr.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.delivery.rule.Channel;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    @Test
    void parsesInternationalAndNationalForms() {
        assertEquals(Optional.of("+4915112345678"), PhoneNumbers.toE164("+49 151 12345678", null));
        assertEquals(Optional.of("+4915112345678"), PhoneNumbers.toE164("0151 12345678", "DE"));
        assertEquals(Optional.of("+14155550100"), PhoneNumbers.toE164("(415) 555-0100", "US"));
    }

    @Test
    void rejectsWhatCannotBeANumber() {
        assertFalse(PhoneNumbers.toE164("call me maybe", null).isPresent());
        assertFalse(PhoneNumbers.toE164("+1 23", null).isPresent());
        assertFalse(PhoneNumbers.toE164("", null).isPresent());
        assertFalse(PhoneNumbers.toE164(null, null).isPresent());
        assertFalse(PhoneNumbers.toE164("+1".repeat(40), null).isPresent(), "absurdly long input");
        assertFalse(PhoneNumbers.toE164("015112345678", null).isPresent(), "national form needs a region");
    }

    @Test
    void findsTheRegion() {
        assertEquals("DE", PhoneNumbers.regionOf("+4915112345678"));
        assertEquals("US", PhoneNumbers.regionOf("+14155550100"));
        assertEquals("ZZ", PhoneNumbers.regionOf("garbage"));
    }

    @Test
    void masksAllButCountryPrefixAndLastTwoDigits() {
        assertEquals("+49*********78", PhoneNumbers.mask("+4915112345678"));
        assertEquals("+14*******00", PhoneNumbers.mask("+14155550100"));
        assertEquals("****", PhoneNumbers.mask("1234"));
        assertEquals("", PhoneNumbers.mask(null));
        String masked = PhoneNumbers.mask("+4915112345678");
        assertFalse(masked.contains("151123456"));
        assertTrue(masked.length() == "+4915112345678".length());
    }

    @Test
    void messagesNeverPrintTheirTextOrFullNumber() {
        OutboundMessage message = new OutboundMessage(Channel.SMS, "+4915112345678", "Your code is 123456", null);
        assertFalse(message.toString().contains("123456"));
        assertFalse(message.toString().contains("15112345678"));
        assertEquals(java.util.Locale.ENGLISH, message.locale());
    }

    /** The confirm-your-number step: typed as a person types it, read in the registered number's region. */
    @ParameterizedTest(name = "[{index}] typed {0} vs {1}: {2}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "+4915112345678, +4915112345678, true",
                "0151 12345678, +4915112345678, true", // national form, the registered number's region (DE)
                "(415) 555-0132, +14155550132, true",
                "0151 12345679, +4915112345678, false",
                "+4415112345678, +4915112345678, false", // same digits, another country
                "not a number, +4915112345678, false",
                "NULL, +4915112345678, false",
                "+4915112345678, NULL, false",
            })
    void aTypedNumberIsTheRegisteredOneOnlyWhenItParsesToIt(String typed, String registered, boolean same) {
        assertEquals(same, PhoneNumbers.sameNumber(typed, registered));
    }
}
