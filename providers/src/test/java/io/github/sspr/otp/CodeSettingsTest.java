package io.github.sspr.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CodeSettingsTest {

    @Test
    void defaultsFollowTheDesign() {
        CodeSettings email = CodeSettings.email();
        CodeSettings phone = CodeSettings.phone();

        assertEquals(8, email.digits());
        assertEquals(6, phone.digits());
        assertEquals(Duration.ofMinutes(5), email.lifetime());
        assertEquals(5, email.maxTries());
        assertEquals(Duration.ofSeconds(30), email.resendCooldown());
        assertEquals(5, email.maxSendsPerFlow());
    }

    @Test
    void lifetimeIsCappedAtTenMinutes() {
        assertEquals(
                Duration.ofMinutes(10),
                CodeSettings.phone().withLifetimeMinutes(10).lifetime());
        assertThrows(IllegalArgumentException.class, () -> CodeSettings.phone().withLifetimeMinutes(11));
        assertThrows(IllegalArgumentException.class, () -> CodeSettings.phone().withLifetimeMinutes(0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CodeSettings(6, Duration.ofMinutes(10).plusSeconds(1), 5, Duration.ZERO, 5));
    }

    @Test
    void unsafeValuesAreRejected() {
        Duration life = Duration.ofMinutes(5);
        Duration cool = Duration.ofSeconds(30);
        assertThrows(IllegalArgumentException.class, () -> new CodeSettings(5, life, 5, cool, 5));
        assertThrows(IllegalArgumentException.class, () -> new CodeSettings(11, life, 5, cool, 5));
        assertThrows(IllegalArgumentException.class, () -> new CodeSettings(6, Duration.ZERO, 5, cool, 5));
        assertThrows(IllegalArgumentException.class, () -> new CodeSettings(6, life, 0, cool, 5));
        assertThrows(IllegalArgumentException.class, () -> new CodeSettings(6, life, 11, cool, 5));
        assertThrows(IllegalArgumentException.class, () -> new CodeSettings(6, life, 5, Duration.ofSeconds(-1), 5));
        assertThrows(IllegalArgumentException.class, () -> new CodeSettings(6, life, 5, cool, 0));
        assertThrows(IllegalArgumentException.class, () -> new CodeSettings(6, life, 5, cool, 21));
    }
}
