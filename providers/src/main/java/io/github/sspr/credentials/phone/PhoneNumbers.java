package io.github.sspr.credentials.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Parsing, formatting and masking of phone numbers (libphonenumber). */
public final class PhoneNumbers {

    private PhoneNumbers() {}

    /**
     * Parses {@code input} (E.164, or national form when {@code defaultRegion} is given) into E.164.
     *
     * @return the E.164 form, or empty when the input cannot be a phone number
     */
    public static Optional<String> toE164(String input, String defaultRegion) {
        if (input == null || input.isBlank() || input.length() > 32) {
            return Optional.empty();
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber number = util.parse(input.strip(), defaultRegion == null ? "ZZ" : defaultRegion);
            // "Possible" (length and prefix plausible) rather than "valid": carriers open new ranges faster than
            // the library's metadata is released, and the carrier gives the final answer anyway.
            if (!util.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code typed} (as a person types it, national or international) is the {@code registered} E.164 number,
     * read in the registered number's region; compared in constant time.
     */
    public static boolean sameNumber(String typed, String registered) {
        if (typed == null || registered == null) {
            return false;
        }
        Optional<String> e164 = toE164(typed, regionOf(registered));
        return e164.isPresent()
                && MessageDigest.isEqual(
                        e164.get().getBytes(StandardCharsets.UTF_8), registered.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether a call to {@code e164} must not be placed: a premium-rate number (each call earns its owner money, the
     * classic toll fraud) or one whose type libphonenumber cannot tell (docs/throttles.md).
     */
    public static boolean voiceRefused(String e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumberUtil.PhoneNumberType type = util.getNumberType(util.parse(e164, "ZZ"));
            return type == PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE
                    || type == PhoneNumberUtil.PhoneNumberType.UNKNOWN;
        } catch (NumberParseException e) {
            return true;
        }
    }

    /** The calling code of an ISO 3166 alpha-2 region ({@code DE} gives 49), or 1 when the region is unknown. */
    public static int callingCodeOf(String region) {
        int code = PhoneNumberUtil.getInstance().getCountryCodeForRegion(region);
        return code == 0 ? 1 : code;
    }

    /** The ISO 3166 region of an E.164 number ({@code "US"}, {@code "DE"}), or {@code "ZZ"} when unknown. */
    public static String regionOf(String e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber number = util.parse(e164, "ZZ");
            String region = util.getRegionCodeForNumber(number);
            return region == null ? "ZZ" : region;
        } catch (NumberParseException e) {
            return "ZZ";
        }
    }

    /** What a stored number is worth as a recovery phone (docs/insight.md, "Recovery-data quality"). */
    public enum Quality {
        OK,
        /** libphonenumber knows no such number (unparseable, or not a valid number of its country). */
        INVALID,
        /** A premium-rate number: every code sent to it costs money, and someone earns it. */
        PREMIUM_RATE
    }

    /** The quality of an E.164 number by libphonenumber's metadata. */
    public static Quality quality(String e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber number = util.parse(e164, "ZZ");
            if (!util.isValidNumber(number)) {
                return Quality.INVALID;
            }
            return util.getNumberType(number) == PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE
                    ? Quality.PREMIUM_RATE
                    : Quality.OK;
        } catch (NumberParseException e) {
            return Quality.INVALID;
        }
    }

    /**
     * Masks a number for pages, logs and events: keeps the leading {@code +} and country-code-sized prefix and
     * the last two digits, e.g. {@code +4915112345678} becomes {@code +49*********78}.
     */
    public static String mask(String number) {
        if (number == null) {
            return "";
        }
        String digits = number.replaceAll("[^0-9]", "");
        if (digits.length() <= 4) {
            return "*".repeat(digits.length());
        }
        int keepStart = Math.min(2, digits.length() - 4);
        String start = digits.substring(0, keepStart);
        String end = digits.substring(digits.length() - 2);
        return "+" + start + "*".repeat(digits.length() - keepStart - 2) + end;
    }
}
