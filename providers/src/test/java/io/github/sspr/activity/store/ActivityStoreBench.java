package io.github.sspr.activity.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sspr.activity.model.ActivityCursor;
import io.github.sspr.activity.model.ActivityFilter;
import io.github.sspr.activity.model.ActivityRecord;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The activity store at scale on PostgreSQL (not a unit test: surefire runs only {@code *Test}). Loads N rows (default
 * 1,000,000) across 5 realms and 90 days, then reports timings and the plan of each report query, and fails if a plan
 * scans the table. Run it with:
 *
 * <pre>
 * mvn -pl providers test -Dtest=ActivityStoreBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsspr.activity.test.jdbc=jdbc:postgresql://localhost:5432/&lt;db&gt; [-Dsspr.activity.bench.rows=1000000]
 * </pre>
 */
class ActivityStoreBench {

    private static final long DAY = 86_400_000L;
    private static final long END = 1_767_225_600_000L; // 2026-01-01
    private static final String[] TYPES = {"self-service-reset", "admin-reset", "registration", "blocked"};
    private static final String[] RESULTS = {"succeeded", "failed", "abandoned", "blocked"};
    private static final String[] METHODS = {"email", "email,sms", "sms,questions", "voice"};

    @Test
    void reportQueriesStayOnTheirIndexesAtScale() throws Exception {
        String url = System.getProperty("sspr.activity.test.jdbc");
        assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "needs -Dsspr.activity.test.jdbc (PostgreSQL)");
        int rows = Integer.getInteger("sspr.activity.bench.rows", 1_000_000);

        try (Connection c = DriverManager.getConnection(url, "sspr", "sspr")) {
            try (Statement s = c.createStatement()) {
                for (String table : List.of("SSPR_ACTIVITY", "DATABASECHANGELOG", "DATABASECHANGELOGLOCK")) {
                    s.execute("DROP TABLE IF EXISTS " + table);
                }
            }
            new Liquibase(
                            ActivityEntityProvider.CHANGELOG,
                            new ClassLoaderResourceAccessor(),
                            DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)))
                    .update("");
            long t = System.nanoTime();
            load(c, rows);
            report("load %,d rows", rows, t);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE SSPR_ACTIVITY");
            }

            String realm = "realm-0";
            String user = "user-42";
            long from = END - 7 * DAY;
            plan(
                    c,
                    "list (realm, newest page)",
                    "SELECT * FROM SSPR_ACTIVITY WHERE REALM_ID = '" + realm
                            + "' ORDER BY EVENT_TIME DESC, ID DESC LIMIT 51");
            plan(
                    c,
                    "list (realm, keyset page)",
                    "SELECT * FROM SSPR_ACTIVITY WHERE REALM_ID = '" + realm
                            + "' AND EVENT_TIME <= " + (END - 60 * DAY) + " AND (EVENT_TIME < " + (END - 60 * DAY)
                            + " OR ID < 'm')"
                            + " ORDER BY EVENT_TIME DESC, ID DESC LIMIT 51");
            plan(
                    c,
                    "list (user)",
                    "SELECT * FROM SSPR_ACTIVITY WHERE REALM_ID = '" + realm + "' AND USER_ID = '" + user
                            + "' ORDER BY EVENT_TIME DESC, ID DESC LIMIT 51");
            plan(
                    c,
                    "list (type, range)",
                    "SELECT * FROM SSPR_ACTIVITY WHERE REALM_ID = '" + realm
                            + "' AND ACTIVITY_TYPE = 'blocked' AND EVENT_TIME >= " + from
                            + " ORDER BY EVENT_TIME DESC, ID DESC LIMIT 51");
            plan(
                    c,
                    "summary (7 days)",
                    "SELECT EVENT_DAY, ACTIVITY_RESULT, COUNT(*) FROM SSPR_ACTIVITY"
                            + " WHERE REALM_ID = '" + realm + "' AND EVENT_TIME >= " + from + " AND EVENT_TIME < " + END
                            + " GROUP BY EVENT_DAY, ACTIVITY_RESULT");
            plan(c, "retention", "SELECT COUNT(*) FROM SSPR_ACTIVITY WHERE EVENT_TIME < " + (END - 85 * DAY));
        }

        EntityManagerFactory emf = new HibernatePersistenceConfiguration("bench")
                .managedClass(SsprActivityEntity.class)
                .jdbcUrl(url)
                .jdbcCredentials("sspr", "sspr")
                .createEntityManagerFactory();
        try {
            inTx(emf, store -> store.list("realm-0", ActivityFilter.none(), null, 51)); // warm-up
            long t = System.nanoTime();
            inTx(emf, store -> store.list("realm-0", ActivityFilter.none(), null, 51));
            report("list newest page", 0, t);
            t = System.nanoTime();
            inTx(
                    emf,
                    store -> store.list("realm-0", ActivityFilter.none(), new ActivityCursor(END - 60 * DAY, "m"), 51));
            report("list deep keyset page (day 60 of 90)", 0, t);
            t = System.nanoTime();
            inTx(
                    emf,
                    store -> store.list(
                            "realm-0", new ActivityFilter(null, null, "user-42", null, null, null, null), null, 51));
            report("list by user", 0, t);
            t = System.nanoTime();
            inTx(emf, store -> store.summarize("realm-0", END - 30 * DAY, END));
            report("summary 30 days", 0, t);

            // The CSV export's access pattern: the whole realm in keyset batches of 1000, one transaction each.
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            long heapBefore = runtime.totalMemory() - runtime.freeMemory();
            long maxHeapDuring = 0;
            int exported = 0;
            ActivityCursor cursor = null;
            t = System.nanoTime();
            while (true) {
                ActivityCursor after = cursor;
                List<ActivityRecord> batch =
                        inTx(emf, store -> store.list("realm-0", ActivityFilter.none(), after, 1000));
                exported += batch.size();
                maxHeapDuring = Math.max(maxHeapDuring, runtime.totalMemory() - runtime.freeMemory());
                if (batch.size() < 1000) {
                    break;
                }
                cursor = ActivityCursor.after(batch.get(batch.size() - 1));
            }
            report("export realm-0 (%,d rows)", exported, t);
            System.out.printf(
                    Locale.ROOT,
                    "heap before export %,d KB, max seen during %,d KB%n",
                    heapBefore / 1024,
                    maxHeapDuring / 1024);
        } finally {
            emf.close();
        }
    }

    private static void load(Connection c, int rows) throws Exception {
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO SSPR_ACTIVITY (ID, REALM_ID, EVENT_TIME,"
                + " EVENT_DAY, USER_ID, USERNAME, ACTIVITY_TYPE, ACTIVITY_RESULT, METHODS, FAILURE_REASON,"
                + " STEP_REACHED, IP_ADDRESS, CLIENT_ID) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            java.util.Random random = new java.util.Random(42);
            for (int i = 0; i < rows; i++) {
                long time = END - (long) (random.nextDouble() * 90 * DAY);
                int user = random.nextInt(20_000);
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "realm-" + random.nextInt(5));
                insert.setLong(3, time);
                insert.setInt(4, (int) (time / DAY));
                insert.setString(5, "user-" + user);
                insert.setString(6, "name-" + user);
                insert.setString(7, TYPES[random.nextInt(TYPES.length)]);
                String result = RESULTS[random.nextInt(RESULTS.length)];
                insert.setString(8, result);
                insert.setString(9, METHODS[random.nextInt(METHODS.length)]);
                insert.setString(10, result.equals("succeeded") ? null : "invalid_code");
                insert.setString(11, "gate-" + random.nextInt(3));
                insert.setString(12, "203.0.113." + random.nextInt(255));
                insert.setString(13, "account-console");
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
        c.setAutoCommit(true);
    }

    private static void plan(Connection c, String name, String sql) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        System.out.println("--- " + name + "\n" + String.join("\n", lines));
        String plan = String.join("\n", lines);
        assertFalse(plan.contains("Seq Scan"), name + " scans the table:\n" + plan);
        assertTrue(plan.contains("Index"), name + " uses no index:\n" + plan);
    }

    private static void report(String what, int n, long startedNanos) {
        System.out.printf(
                Locale.ROOT,
                "%-40s %,10.1f ms%n",
                String.format(Locale.ROOT, what, n),
                (System.nanoTime() - startedNanos) / 1e6);
    }

    private static <T> T inTx(EntityManagerFactory emf, Function<JpaActivityStore, T> work) {
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
