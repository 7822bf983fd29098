package io.github.sspr.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifyCostTest {

    /**
     * Every name ends up with as many missed lookups (each a directory search when the realm federates one) as an
     * unknown name of the same shape makes.
     */
    @ParameterizedTest(name = "[{index}] emailFirst={0} found={1} byEmail={2} -> {3}")
    @CsvSource({
        // a plain name: unknown misses once (store, then directory); a held one is topped up by one
        "false, false, false, 0",
        "false, true,  false, 1",
        // an address: unknown misses twice (email, then username)
        "true,  false, false, 0",
        "true,  true,  true,  2",
        // an address that is someone's username: its email lookup already missed once
        "true,  true,  false, 1",
    })
    void missesAreToppedUpToAnUnknownNames(boolean emailFirst, boolean found, boolean byEmail, int expected) {
        assertEquals(expected, IdentifyCost.missesToAdd(emailFirst, found, byEmail));
    }
}
