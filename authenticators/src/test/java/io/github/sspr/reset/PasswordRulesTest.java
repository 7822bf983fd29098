package io.github.sspr.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.models.utils.FormMessage;

class PasswordRulesTest {

    @Test
    void countedRulesGetARealNumberForTheirPluralAndOthersTheirText() {
        // A plural pattern ({0,choice,…}) refuses text: "At least 1 digit" needs the number 1, not "1".
        assertEquals(12L, PasswordRules.argument("length", "12"));
        assertEquals(1L, PasswordRules.argument("digits", " 1 "));
        assertEquals(3L, PasswordRules.argument("passwordHistory", "3"));
        assertEquals("^[A-Z].*$", PasswordRules.argument("regexPattern", "^[A-Z].*$"));
        assertEquals("", PasswordRules.argument("notUsername", ""));
        assertEquals("many", PasswordRules.argument("length", "many"), "unparseable stays text, never throws");
    }

    @Test
    void theChecklistsRulesAreSaidOnceAndOnlyForeignRulesInKeycloaksWords() {
        Set<String> broken = new LinkedHashSet<>(List.of("length", "digits"));
        PasswordRules.Verdict verdict = new PasswordRules.Verdict(
                broken,
                List.of(
                        new FormMessage("password-new", PasswordRules.RULES_BROKEN),
                        new FormMessage("password-new", "invalidPasswordCustomMessage")));
        assertFalse(verdict.passes());
        assertEquals("length,digits,invalidPasswordCustomMessage", verdict.reason());
        assertTrue(new PasswordRules.Verdict(Set.of(), List.of()).passes());
    }
}
