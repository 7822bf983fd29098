package io.github.sspr.sms.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.sms.SmsSendException.Reason;
import org.junit.jupiter.api.Test;

class TwilioErrorsTest {

    @Test
    void numberProblemsAreInvalidNumber() {
        assertEquals(Reason.INVALID_NUMBER, TwilioErrors.classify(400, "21211"));
        assertEquals(Reason.INVALID_NUMBER, TwilioErrors.classify(400, "21614"));
    }

    @Test
    void geoPermissionsAreCountryNotAllowed() {
        assertEquals(Reason.COUNTRY_NOT_ALLOWED, TwilioErrors.classify(400, "21408"));
    }

    @Test
    void statusDecidesWhenTheCodeIsUnknown() {
        assertEquals(Reason.RATE_LIMITED, TwilioErrors.classify(429, null));
        assertEquals(Reason.RATE_LIMITED, TwilioErrors.classify(400, "20429"));
        assertEquals(Reason.AUTHENTICATION_FAILED, TwilioErrors.classify(401, "20003"));
        assertEquals(Reason.AUTHENTICATION_FAILED, TwilioErrors.classify(403, null));
        assertEquals(Reason.PROVIDER_UNAVAILABLE, TwilioErrors.classify(500, null));
        assertEquals(Reason.PROVIDER_UNAVAILABLE, TwilioErrors.classify(503, null));
        assertEquals(Reason.REJECTED, TwilioErrors.classify(400, "99999"));
    }

    @Test
    void onlyTransientReasonsInviteARetry() {
        assertEquals(true, Reason.TIMEOUT.isTransient());
        assertEquals(true, Reason.RATE_LIMITED.isTransient());
        assertEquals(false, Reason.INVALID_NUMBER.isTransient());
        assertEquals("invalid_number", Reason.INVALID_NUMBER.id());
    }
}
