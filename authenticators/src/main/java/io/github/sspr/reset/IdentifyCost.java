package io.github.sspr.reset;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Makes the identify step's user lookup cost the same whether or not the name is an account (docs/reset-identify.md).
 *
 * <p>A name Keycloak does not hold misses its store and then every federated directory (an LDAP search each); a held
 * name is answered from Keycloak's cache or database and never reaches the directory, about 3 ms sooner with the demo
 * directory. So after a lookup that found someone, this makes the misses an unknown name would have made, with
 * made-up names that no one can hold: the same calls, through the same storage layers, to the same directories.
 */
final class IdentifyCost {

    private static final SecureRandom RANDOM = new SecureRandom();

    private IdentifyCost() {}

    /**
     * After {@code KeycloakModelUtils.findUserByNameOrEmail(session, realm, typed)} returned {@code found}, makes the
     * lookups that are still missing for the request to cost what an unknown name costs.
     */
    static void equalise(KeycloakSession session, RealmModel realm, String typed, UserModel found) {
        boolean emailFirst = emailFirst(realm, typed);
        boolean foundByEmail = found != null
                && emailFirst
                && found.getEmail() != null
                && found.getEmail().equalsIgnoreCase(typed.strip());
        int misses = missesToAdd(emailFirst, found != null, foundByEmail);
        for (int i = 0; i < misses; i++) {
            String absent = absentName();
            // An unknown name that looks like an address misses the email lookup first, then the username lookup.
            if (misses == 2 && i == 0) {
                session.users().getUserByEmail(realm, absent + "@invalid");
            } else {
                session.users().getUserByUsername(realm, absent);
            }
        }
    }

    /** Whether Keycloak looks {@code typed} up as an email before as a username (findUserByNameOrEmail's rule). */
    static boolean emailFirst(RealmModel realm, String typed) {
        return realm.isLoginWithEmailAllowed() && typed.indexOf('@') != -1;
    }

    /**
     * How many lookups that miss to add. An unknown name makes one miss per lookup kind tried (two when it is looked up
     * as an email first). A found name made a miss only when an email lookup came first and did not find it.
     */
    static int missesToAdd(boolean emailFirst, boolean found, boolean foundByEmail) {
        int unknownMisses = emailFirst ? 2 : 1;
        if (!found) {
            return 0;
        }
        int madeMisses = emailFirst && !foundByEmail ? 1 : 0;
        return unknownMisses - madeMisses;
    }

    /** A name no account has: a fixed prefix no valid username starts with here, and 64 random bits. */
    private static String absentName() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return ("sspr-absent-" + HexFormat.of().formatHex(bytes)).toLowerCase(Locale.ROOT);
    }
}
