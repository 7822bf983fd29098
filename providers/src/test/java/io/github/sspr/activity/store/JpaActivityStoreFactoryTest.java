package io.github.sspr.activity.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JpaActivityStoreFactoryTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 30, 365})
    void retentionWithinBoundsIsKept(int days) {
        assertEquals(days, JpaActivityStoreFactory.retentionDays(days));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 366, 10_000})
    void retentionOutsideBoundsIsRefusedAtStartUp(int days) {
        assertThrows(IllegalArgumentException.class, () -> JpaActivityStoreFactory.retentionDays(days));
    }

    @Test
    void valuesAreCutToTheirColumns() {
        assertEquals("abc", JpaActivityStore.cut("abcdef", 3));
        assertEquals("ab", JpaActivityStore.cut("ab", 3));
        assertEquals(null, JpaActivityStore.cut(null, 3));
    }
}
