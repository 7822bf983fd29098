package io.github.sspr.delivery.rule;

import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.Optional;

/**
 * Where a code (or an admin's test message) may go at all, asked before anything is counted or sent
 * (docs/throttles.md, "Country guard"): a text or call only to a country the policy allows, a call never to a
 * premium-rate number or one of unknown type. The one rule for reset, registration, helpdesk verification and the
 * admin's test message.
 */
public final class Destinations {

    /** The destination's country is not in the policy's list. */
    public static final String COUNTRY_NOT_ALLOWED = "country_not_allowed";

    /** A call to a premium-rate number, or to a number whose type is unknown. */
    public static final String NUMBER_TYPE_REFUSED = "number_type_refused";

    private Destinations() {}

    /**
     * Why {@code destination} must not receive a {@code method} message under {@code policy}, or empty when it may.
     * Email addresses are not checked here.
     *
     * @param destination an E.164 number for {@link Method#SMS} and {@link Method#VOICE}
     */
    public static Optional<String> refusal(SsprPolicy policy, Method method, String destination) {
        if (method != Method.SMS && method != Method.VOICE) {
            return Optional.empty();
        }
        if (!policy.allowsPhoneCountry(PhoneNumbers.regionOf(destination))) {
            return Optional.of(COUNTRY_NOT_ALLOWED);
        }
        if (method == Method.VOICE && PhoneNumbers.voiceRefused(destination)) {
            return Optional.of(NUMBER_TYPE_REFUSED);
        }
        return Optional.empty();
    }
}
