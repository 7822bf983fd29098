package io.github.sspr.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockFilterTest {

    @Test
    void filtersByUserIdOrUsernameAndByReason() {
        record Row(String user, String reason, String userId, String username, String rule, boolean passes) {}
        for (Row row : List.of(
                new Row(null, null, "id-1", "ava", "gate-failures", true),
                new Row(" ", "", "id-1", "ava", "gate-failures", true),
                new Row("ava", null, "id-1", "ava", "gate-failures", true),
                new Row("AVA", null, "id-1", "ava", "gate-failures", true),
                new Row("id-1", null, "id-1", "ava", "email-sends", true),
                new Row("bob", null, "id-1", "ava", "gate-failures", false),
                new Row("ava", null, "decoy-1", null, "gate-failures", false),
                new Row(null, "email-sends", "id-1", "ava", "gate-failures", false),
                new Row(null, "email-sends", "id-1", "ava", "email-sends", true),
                new Row("ava", "phone-number-sends", "id-1", "ava", "phone-number-sends", true),
                new Row("ava", "phone-number-sends", "id-2", "bob", "phone-number-sends", false))) {
            assertEquals(
                    row.passes(),
                    new BlockFilter(row.user(), row.reason()).matches(row.userId(), row.username(), row.rule()),
                    row.toString());
        }
    }
}
