package io.github.sspr.notify;

import io.github.sspr.credentials.email.EmailAddresses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who is told about a change to an account: the addresses of record that the user has proven to read, plus the former
 * ones when a method changed (an attacker who replaced the recovery email must not be the only one to hear of it).
 *
 * <p>Pure: the caller reads the user's model; this class decides.
 */
public final class Recipients {

    /** An upper bound, so that a hand-edited attribute can never turn one notice into a mail burst. */
    static final int MAX = 5;

    private Recipients() {}

    /**
     * The addresses to mail, in this order: the account email (only when Keycloak says it is verified), the recovery
     * email (verified by its code at registration), then the former addresses; each once, compared case-insensitively
     * (the first spelling wins); anything that does not look like an address is dropped.
     */
    public static List<String> forUser(
            String accountEmail, boolean accountEmailVerified, String recoveryEmail, Collection<String> former) {
        List<String> candidates = new ArrayList<>();
        if (accountEmailVerified) {
            candidates.add(accountEmail);
        }
        candidates.add(recoveryEmail);
        if (former != null) {
            candidates.addAll(former);
        }
        return distinct(candidates);
    }

    /** Valid addresses, each once (case-insensitive), in first-seen order, at most {@link #MAX}. */
    static List<String> distinct(List<String> candidates) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String candidate : candidates) {
            Optional<String> parsed = EmailAddresses.parse(candidate);
            if (parsed.isPresent() && seen.size() < MAX) {
                seen.putIfAbsent(parsed.get().toLowerCase(Locale.ROOT), parsed.get());
            }
        }
        return List.copyOf(seen.values());
    }
}
