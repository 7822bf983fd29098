package io.github.sspr.credentials.email;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checking, comparing and masking recovery email addresses. */
public final class EmailAddresses {

    /** RFC 5321 caps a path at 254 characters. */
    public static final int MAX_LENGTH = 254;

    // Deliberately plain: one @, a non-empty local part, a dotted domain, no spaces or angle brackets. Whether the
    // address really exists is proven by the code sent to it, not by a regular expression.
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:]+@[^@\\s<>\"(),;:]+\\.[^@\\s<>\"(),;:.]+");

    private EmailAddresses() {}

    /** The trimmed address if it looks like one, else empty. */
    public static Optional<String> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String address = input.strip();
        if (address.isEmpty()
                || address.length() > MAX_LENGTH
                || !ADDRESS.matcher(address).matches()) {
            return Optional.empty();
        }
        return Optional.of(address);
    }

    /** Whether two addresses name the same mailbox for our purposes (case-insensitive, as providers treat them). */
    public static boolean same(String a, String b) {
        return a != null
                && b != null
                && a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Masks an address for pages, logs and events: the first character of the local part, stars for the rest, then the
     * domain: {@code dave.alt@demo.sspr.test} becomes {@code d*******@demo.sspr.test}.
     */
    public static String mask(String address) {
        if (address == null) {
            return "";
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "*".repeat(Math.min(8, address.length()));
        }
        String local = address.substring(0, at);
        return local.charAt(0) + "*".repeat(Math.max(1, local.length() - 1)) + address.substring(at);
    }
}
