package io.github.sspr.it.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets the suite's tests put through the server at run time — one-time codes, security answers, full phone
 * numbers — so that {@code ServerLogIT}, which runs last in the same JVM (failsafe: one fork, reused), can check that
 * none of them reached Keycloak's log. Fixed secrets (passwords, tokens) are listed in {@code ServerLogIT} itself.
 */
public final class UsedSecrets {

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private UsedSecrets() {}

    /** Remembers secrets a test used; returns the first, so a test can write {@code code = UsedSecrets.add(code)}. */
    public static String add(String... secrets) {
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                SECRETS.add(secret);
            }
        }
        return secrets.length == 0 ? null : secrets[0];
    }

    /** A full phone number in E.164: kept with and without the plus sign (logs may print either). */
    public static String addPhone(String e164) {
        add(e164, e164.startsWith("+") ? e164.substring(1) : e164);
        return e164;
    }

    public static List<String> all() {
        return List.copyOf(SECRETS);
    }
}
