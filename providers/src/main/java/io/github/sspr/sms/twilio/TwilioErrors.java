package io.github.sspr.sms.twilio;

import io.github.sspr.sms.SmsSendException.Reason;
import java.util.Set;

/** Maps Twilio's HTTP status and error codes (https://www.twilio.com/docs/api/errors) to typed reasons. */
final class TwilioErrors {

    /** Codes that mean "this destination cannot receive it": the user must give another number. */
    private static final Set<String> INVALID_NUMBER =
            Set.of("21211", "21214", "21217", "21401", "21407", "21421", "21612", "21614", "13224");

    /** Geographic permissions of the Twilio account do not allow the destination. */
    private static final Set<String> COUNTRY = Set.of("21408", "13227");

    private TwilioErrors() {}

    static Reason classify(int status, String code) {
        if (code != null && INVALID_NUMBER.contains(code)) {
            return Reason.INVALID_NUMBER;
        }
        if (code != null && COUNTRY.contains(code)) {
            return Reason.COUNTRY_NOT_ALLOWED;
        }
        if (status == 429 || "20429".equals(code)) {
            return Reason.RATE_LIMITED;
        }
        if (status == 401 || status == 403 || "20003".equals(code)) {
            return Reason.AUTHENTICATION_FAILED;
        }
        if (status >= 500) {
            return Reason.PROVIDER_UNAVAILABLE;
        }
        return Reason.REJECTED;
    }
}
