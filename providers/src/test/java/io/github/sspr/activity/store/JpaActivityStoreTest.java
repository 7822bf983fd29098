package io.github.sspr.activity.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.activity.model.ActivityCursor;
import io.github.sspr.activity.model.ActivityFilter;
import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JPA store against a real H2 whose schema comes from our Liquibase changelog (as Keycloak applies it): every
 * query runs, keyset pages are exact, filters narrow, realm removal and retention delete what they must. With
 * {@code -Dsspr.activity.test.jdbc=jdbc:postgresql://localhost:5432/<db>} (user/password {@code sspr}) the same tests
 * run on PostgreSQL; the database's SSPR tables are dropped first.
 */
class JpaActivityStoreTest {

    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private String url;
    private String user;
    private String password;
    private Connection keepAlive;
    private EntityManagerFactory emf;

    @BeforeEach
    void schema() throws Exception {
        String external = System.getProperty("sspr.activity.test.jdbc");
        url = external != null ? external : "jdbc:h2:mem:activity" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        user = external != null ? "sspr" : "sa";
        password = external != null ? "sspr" : "";
        keepAlive = DriverManager.getConnection(url, user, password);
        if (external != null) {
            try (var statement = keepAlive.createStatement()) {
                for (String table : List.of("SSPR_ACTIVITY", "DATABASECHANGELOG", "DATABASECHANGELOGLOCK")) {
                    statement.execute("DROP TABLE IF EXISTS " + table);
                }
            }
        }
        Liquibase liquibase = new Liquibase(
                ActivityEntityProvider.CHANGELOG,
                new ClassLoaderResourceAccessor(),
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(keepAlive)));
        liquibase.update("");
        emf = new HibernatePersistenceConfiguration("activity")
                .managedClass(SsprActivityEntity.class)
                .jdbcUrl(url)
                .jdbcCredentials(user, password)
                .property("hibernate.hbm2ddl.auto", "validate")
                .createEntityManagerFactory();
    }

    @AfterEach
    void close() throws Exception {
        emf.close();
        keepAlive.close();
    }

    @Test
    void keysetPagesSeeEveryRowOnceNewestFirstEvenWithEqualTimes() {
        inTx(store -> {
            for (int i = 0; i < 7; i++) {
                // Pairs of rows share a timestamp: the id breaks the tie.
                store.add(row("r1", T0 + (i / 2) * 1000L, "u1", ActivityType.ADMIN_RESET, ActivityResult.SUCCEEDED));
            }
            store.add(row("r2", T0, "u1", ActivityType.ADMIN_RESET, ActivityResult.SUCCEEDED));
        });
        List<ActivityRecord> all = new ArrayList<>();
        ActivityCursor cursor = null;
        for (int page = 0; page < 10; page++) {
            ActivityCursor after = cursor;
            List<ActivityRecord> rows = read(store -> store.list("r1", ActivityFilter.none(), after, 3));
            all.addAll(rows);
            if (rows.size() < 3) {
                break;
            }
            cursor = ActivityCursor.after(rows.get(rows.size() - 1));
        }
        assertEquals(7, all.size());
        assertEquals(7, all.stream().map(ActivityRecord::id).distinct().count());
        for (int i = 1; i < all.size(); i++) {
            ActivityRecord a = all.get(i - 1);
            ActivityRecord b = all.get(i);
            assertTrue(a.time() > b.time() || (a.time() == b.time() && a.id().compareTo(b.id()) > 0));
        }
    }

    @Test
    void filtersNarrowTheRows() {
        inTx(store -> {
            store.add(row("r1", T0, "u1", ActivityType.SELF_SERVICE_RESET, ActivityResult.SUCCEEDED));
            store.add(row("r1", T0 + 1, "u2", ActivityType.SELF_SERVICE_RESET, ActivityResult.FAILED));
            store.add(row("r1", T0 + 2, "u1", ActivityType.ADMIN_RESET, ActivityResult.SUCCEEDED));
            store.add(new ActivityRecord(
                    "sms-row",
                    "r1",
                    T0 + 3,
                    "u1",
                    "user-u1",
                    ActivityType.SELF_SERVICE_RESET,
                    ActivityResult.FAILED,
                    List.of("email", "sms"),
                    "invalid_code",
                    "gate-2",
                    "203.0.113.1",
                    "app"));
        });
        assertEquals(3, count(new ActivityFilter(null, null, "u1", null, null, null, null)));
        assertEquals(3, count(new ActivityFilter(ActivityType.SELF_SERVICE_RESET, null, null, null, null, null, null)));
        assertEquals(2, count(new ActivityFilter(null, ActivityResult.FAILED, null, null, null, null, null)));
        assertEquals(1, count(new ActivityFilter(null, null, null, "user-u2", null, null, null)));
        assertEquals(1, count(new ActivityFilter(null, null, null, null, "sms", null, null)));
        assertEquals(0, count(new ActivityFilter(null, null, null, null, "sm", null, null)));
        assertEquals(0, count(new ActivityFilter(null, null, null, null, "%", null, null)));
        assertEquals(2, count(new ActivityFilter(null, null, null, null, null, T0 + 1, T0 + 3)));
        ActivityRecord sms = read(store ->
                        store.list("r1", new ActivityFilter(null, null, null, null, "sms", null, null), null, 10))
                .get(0);
        assertEquals(List.of("email", "sms"), sms.methods());
        assertEquals("invalid_code", sms.failureReason());
        assertEquals("gate-2", sms.step());
    }

    @Test
    void summaryCountsPerDayAndRanksFailures() {
        inTx(store -> {
            store.add(withDetails(T0, ActivityResult.SUCCEEDED, List.of("email"), null, "completed"));
            store.add(withDetails(T0 + 10, ActivityResult.FAILED, List.of("email", "sms"), "invalid_code", "gate-2"));
            store.add(withDetails(T0 + DAY, ActivityResult.FAILED, List.of("sms"), "invalid_code", "gate-2"));
            store.add(withDetails(T0 + DAY, ActivityResult.ABANDONED, List.of("email"), "expired", "gate-1"));
        });
        ActivitySummary summary = read(store -> store.summarize("r1", T0, T0 + 2 * DAY));
        assertEquals(
                List.of(
                        new ActivitySummary.DayCount("2026-01-01", "failed", 1),
                        new ActivitySummary.DayCount("2026-01-01", "succeeded", 1),
                        new ActivitySummary.DayCount("2026-01-02", "abandoned", 1),
                        new ActivitySummary.DayCount("2026-01-02", "failed", 1)),
                summary.byDayAndResult());
        assertEquals(
                List.of(
                        new ActivitySummary.DayCount("2026-01-01", "email", 2),
                        new ActivitySummary.DayCount("2026-01-01", "sms", 1),
                        new ActivitySummary.DayCount("2026-01-02", "email", 1),
                        new ActivitySummary.DayCount("2026-01-02", "sms", 1)),
                summary.byDayAndMethod());
        assertEquals(
                List.of(new ActivitySummary.KeyCount("gate-2", 2), new ActivitySummary.KeyCount("gate-1", 1)),
                summary.dropOffByStep());
        assertEquals(
                List.of(new ActivitySummary.KeyCount("invalid_code", 2), new ActivitySummary.KeyCount("expired", 1)),
                summary.failureReasons());
    }

    @Test
    void aFlowKeepsOneRowFromItsStartToItsOutcome() {
        // Started and moved in one transaction (the identify request may go on to the first gate), then in others.
        inTx(store -> {
            store.addFlow("f1", flowRow(T0, ActivityResult.ABANDONED, "identified", List.of(), null));
            assertTrue(store.updateFlow(
                    "f1", flowRow(T0 + 1, ActivityResult.ABANDONED, "gate-email", List.of("email"), null), false));
        });
        inTx(store -> assertTrue(store.updateFlow(
                "f1",
                flowRow(T0 + 2, ActivityResult.ABANDONED, "code-email", List.of("email"), "invalid_code"),
                false)));
        ActivityRecord midway = single("f1");
        assertEquals(ActivityResult.ABANDONED, midway.result());
        assertEquals("code-email", midway.step());
        assertEquals("invalid_code", midway.failureReason());
        // A step without an error keeps the last error; the outcome sets it (here: clears it).
        inTx(store -> store.updateFlow(
                "f1", flowRow(T0 + 3, ActivityResult.ABANDONED, "new-password", List.of("email"), null), false));
        assertEquals("invalid_code", single("f1").failureReason());
        inTx(store -> assertTrue(store.updateFlow(
                "f1", flowRow(T0 + 4, ActivityResult.SUCCEEDED, "completed", List.of("email"), null), true)));
        ActivityRecord done = single("f1");
        assertEquals(ActivityResult.SUCCEEDED, done.result());
        assertEquals("completed", done.step());
        assertEquals(null, done.failureReason());
        assertEquals(T0, done.time()); // the row keeps the time its flow started
        assertEquals(midway.id(), done.id());
        // Nothing reopens a finished flow.
        inTx(store -> assertFalse(store.updateFlow(
                "f1", flowRow(T0 + 5, ActivityResult.ABANDONED, "gate-sms", List.of("sms"), null), false)));
        assertEquals(ActivityResult.SUCCEEDED, single("f1").result());
        assertEquals(1, count(ActivityFilter.none()));
    }

    @Test
    void aFlowWithoutRowIsNotUpdatedAndFlowsAreKeptApartByRealm() {
        inTx(store -> store.addFlow("f1", flowRow(T0, ActivityResult.ABANDONED, "identified", List.of(), null)));
        inTx(store -> {
            assertFalse(store.updateFlow(
                    "other", flowRow(T0, ActivityResult.FAILED, "gate-email", List.of("email"), "x"), true));
            ActivityRecord otherRealm = new ActivityRecord(
                    ActivityRecord.newId(),
                    "r2",
                    T0,
                    "u1",
                    "user-u1",
                    ActivityType.SELF_SERVICE_RESET,
                    ActivityResult.FAILED,
                    List.of(),
                    "x",
                    "gate-email",
                    null,
                    null);
            assertFalse(store.updateFlow("f1", otherRealm, true));
        });
        assertEquals(ActivityResult.ABANDONED, single("f1").result());
    }

    @Test
    void abandonedFlowsCountInTheFunnelAtTheStepTheyReached() {
        inTx(store -> {
            store.addFlow("a", flowRow(T0, ActivityResult.ABANDONED, "identified", List.of(), null));
            store.addFlow("b", flowRow(T0 + 1, ActivityResult.ABANDONED, "identified", List.of(), null));
            store.addFlow("c", flowRow(T0 + 2, ActivityResult.ABANDONED, "identified", List.of(), null));
        });
        inTx(store -> {
            store.updateFlow("b", flowRow(T0, ActivityResult.ABANDONED, "gate-email", List.of("email"), null), false);
            store.updateFlow("c", flowRow(T0, ActivityResult.SUCCEEDED, "completed", List.of("email"), null), true);
        });
        ActivitySummary summary = read(store -> store.summarize("r1", T0, T0 + DAY));
        assertEquals(
                List.of(new ActivitySummary.KeyCount("gate-email", 1), new ActivitySummary.KeyCount("identified", 1)),
                summary.dropOffByStep());
        assertEquals(
                List.of(
                        new ActivitySummary.DayCount("2026-01-01", "abandoned", 2),
                        new ActivitySummary.DayCount("2026-01-01", "succeeded", 1)),
                summary.byDayAndResult());
    }

    @Test
    void aDecoyFlowIsNobodysDropOff() {
        // Issue 20 item 11: a name that is no account (or may not reset) walks the decoy path and keeps its row, but
        // its row has no user id and the funnel of the realm's users does not count it.
        ActivityRecord decoy = new ActivityRecord(
                ActivityRecord.newId(),
                "r1",
                T0 + 1,
                null,
                "nobody",
                ActivityType.SELF_SERVICE_RESET,
                ActivityResult.ABANDONED,
                List.of(),
                null,
                "identified",
                null,
                null);
        inTx(store -> {
            store.addFlow("real", flowRow(T0, ActivityResult.ABANDONED, "identified", List.of(), null));
            store.addFlow("decoy", decoy);
        });
        ActivitySummary summary = read(store -> store.summarize("r1", T0, T0 + DAY));
        assertEquals(List.of(new ActivitySummary.KeyCount("identified", 1)), summary.dropOffByStep());
        assertEquals(2, count(ActivityFilter.none()), "the decoy's row is still in the list");
    }

    @Test
    void realmRemovalAndRetentionDeleteOnlyTheirRows() {
        inTx(store -> {
            store.add(row("r1", T0, "u1", ActivityType.ADMIN_RESET, ActivityResult.SUCCEEDED));
            store.add(row("r1", T0 + 5 * DAY, "u1", ActivityType.ADMIN_RESET, ActivityResult.SUCCEEDED));
            store.add(row("r2", T0, "u1", ActivityType.ADMIN_RESET, ActivityResult.SUCCEEDED));
        });
        assertEquals(1, (int) read(store -> store.removeOlderThan("r1", T0 + DAY)));
        assertEquals(
                1,
                (int) read(store -> store.list("r2", ActivityFilter.none(), null, 10))
                        .size(),
                "r2 untouched");
        assertEquals(1, (int) read(store -> store.removeOlderThan("r2", T0 + DAY)));
        assertEquals(1, count(ActivityFilter.none()));
        inTx(store -> store.removeRealm("r1"));
        assertEquals(0, count(ActivityFilter.none()));
    }

    @Test
    void overlongValuesAreCutNotRefused() {
        String longName = "x".repeat(1000);
        inTx(store -> store.add(new ActivityRecord(
                "long",
                "r1",
                T0,
                "u1",
                longName,
                ActivityType.SELF_SERVICE_RESET,
                ActivityResult.FAILED,
                List.of(),
                longName,
                longName,
                longName,
                longName)));
        ActivityRecord stored =
                read(store -> store.list("r1", ActivityFilter.none(), null, 1)).get(0);
        assertEquals(ActivityRecord.USERNAME_LENGTH, stored.username().length());
        assertEquals(ActivityRecord.STEP_LENGTH, stored.step().length());
        assertEquals(ActivityRecord.IP_LENGTH, stored.ipAddress().length());
    }

    @Test
    void theChangelogCreatesTheReportIndexes() throws Exception {
        List<String> indexes = new ArrayList<>();
        try (ResultSet rs = keepAlive.getMetaData().getIndexInfo(null, null, indexTableName(), false, false)) {
            while (rs.next()) {
                indexes.add(rs.getString("INDEX_NAME").toUpperCase(java.util.Locale.ROOT));
            }
        }
        for (String name : List.of(
                "IDX_SSPR_ACT_REALM_TIME",
                "IDX_SSPR_ACT_USER_TIME",
                "IDX_SSPR_ACT_TYPE_TIME",
                "IDX_SSPR_ACT_USERNAME_TIME",
                "IDX_SSPR_ACT_TIME",
                "IDX_SSPR_ACT_FLOW")) {
            assertTrue(indexes.contains(name), name + " in " + indexes);
        }
    }

    /** PostgreSQL folds unquoted names to lower case, H2 to upper case. */
    private String indexTableName() throws java.sql.SQLException {
        return keepAlive.getMetaData().storesLowerCaseIdentifiers() ? "sspr_activity" : "SSPR_ACTIVITY";
    }

    private long count(ActivityFilter filter) {
        return read(store -> store.list("r1", filter, null, 1000)).size();
    }

    private static ActivityRecord row(String realm, long time, String user, ActivityType type, ActivityResult result) {
        return new ActivityRecord(
                ActivityRecord.newId(),
                realm,
                time,
                user,
                "user-" + user,
                type,
                result,
                List.of("admin"),
                null,
                "completed",
                null,
                null);
    }

    private static ActivityRecord withDetails(
            long time, ActivityResult result, List<String> methods, String reason, String step) {
        return new ActivityRecord(
                ActivityRecord.newId(),
                "r1",
                time,
                "u1",
                "user-u1",
                ActivityType.SELF_SERVICE_RESET,
                result,
                methods,
                reason,
                step,
                null,
                null);
    }

    private ActivityRecord single(String flowId) {
        List<ActivityRecord> rows = read(store -> store.list("r1", ActivityFilter.none(), null, 1000));
        assertEquals(1, rows.size(), "rows of flow " + flowId);
        return rows.get(0);
    }

    private static ActivityRecord flowRow(
            long time, ActivityResult result, String step, List<String> methods, String reason) {
        return new ActivityRecord(
                ActivityRecord.newId(),
                "r1",
                time,
                "u1",
                "user-u1",
                ActivityType.SELF_SERVICE_RESET,
                result,
                methods,
                reason,
                step,
                null,
                null);
    }

    private void inTx(Consumer<JpaActivityStore> work) {
        read(store -> {
            work.accept(store);
            return null;
        });
    }

    private <T> T read(Function<JpaActivityStore, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(new JpaActivityStore(em));
            em.getTransaction().commit();
            return result;
        } finally {
            em.close();
        }
    }
}
