package io.github.sspr.activity.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActivityRetentionTaskTest {

    @ParameterizedTest(name = "server {0}, realm {1} -> {2} days")
    @CsvSource({"30, 0, 30", "30, 7, 7", "30, 365, 365", "1, 0, 1"})
    void aRealmsOwnRetentionWinsOverTheServers(int server, int realm, int kept) {
        assertEquals(kept, ActivityRetentionTask.retentionDays(server, realm));
    }
}
