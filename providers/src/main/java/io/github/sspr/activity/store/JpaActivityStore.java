package io.github.sspr.activity.store;

import io.github.sspr.activity.model.ActivityCursor;
import io.github.sspr.activity.model.ActivityFilter;
import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link ActivityStore} over Keycloak's own {@link EntityManager}: rows join the request's transaction. */
public class JpaActivityStore implements ActivityStore {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int MAX_REASONS = 20;

    private final EntityManager em;

    /**
     * Flow rows added through this store (one per Keycloak session, i.e. one request) and not yet committed: a later
     * event of the same request updates the managed entity rather than the table, which it might not have reached yet.
     */
    private final Map<String, SsprActivityEntity> addedFlows = new HashMap<>();

    public JpaActivityStore(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(ActivityRecord record) {
        em.persist(toEntity(record));
    }

    @Override
    public void addFlow(String flowId, ActivityRecord record) {
        SsprActivityEntity e = toEntity(record);
        e.setFlowId(cut(flowId, ActivityRecord.FLOW_ID_LENGTH));
        em.persist(e);
        addedFlows.put(key(record.realmId(), e.getFlowId()), e);
    }

    @Override
    public boolean updateFlow(String flowId, ActivityRecord values, boolean outcome) {
        String flow = cut(flowId, ActivityRecord.FLOW_ID_LENGTH);
        String methods = cut(emptyToNull(values.methodsJoined()), ActivityRecord.METHODS_LENGTH);
        String step = cut(values.step(), ActivityRecord.STEP_LENGTH);
        String reason = cut(values.failureReason(), ActivityRecord.FAILURE_REASON_LENGTH);
        boolean setReason = outcome || reason != null;
        SsprActivityEntity added = addedFlows.get(key(values.realmId(), flow));
        if (added != null) {
            if (!outcome && !ActivityResult.ABANDONED.id().equals(added.getResult())) {
                return false;
            }
            added.setResult(values.result().id());
            added.setStep(step);
            added.setMethods(methods);
            if (setReason) {
                added.setFailureReason(reason);
            }
            return true;
        }
        // One statement by the (realm, flow) index: no read before the write.
        StringBuilder jpql = new StringBuilder(
                "update SsprActivityEntity e set e.result = :result, e.step = :step, e.methods = :methods");
        if (setReason) {
            jpql.append(", e.failureReason = :reason");
        }
        jpql.append(" where e.realmId = :realmId and e.flowId = :flowId");
        if (!outcome) {
            jpql.append(" and e.result = :abandoned");
        }
        var update = em.createQuery(jpql.toString())
                .setParameter("result", values.result().id())
                .setParameter("step", step)
                .setParameter("methods", methods)
                .setParameter("realmId", values.realmId())
                .setParameter("flowId", flow);
        if (setReason) {
            update.setParameter("reason", reason);
        }
        if (!outcome) {
            update.setParameter("abandoned", ActivityResult.ABANDONED.id());
        }
        return update.executeUpdate() > 0;
    }

    private static String key(String realmId, String flowId) {
        return realmId + "/" + flowId;
    }

    private static SsprActivityEntity toEntity(ActivityRecord record) {
        SsprActivityEntity e = new SsprActivityEntity();
        e.setId(record.id());
        e.setRealmId(record.realmId());
        e.setTime(record.time());
        e.setDay((int) Math.floorDiv(record.time(), MILLIS_PER_DAY));
        // Cut every value to its column: a too-long username must never roll back the password change it records.
        e.setUserId(cut(record.userId(), ActivityRecord.USER_ID_LENGTH));
        e.setUsername(cut(record.username(), ActivityRecord.USERNAME_LENGTH));
        e.setType(record.type().id());
        e.setResult(record.result().id());
        e.setMethods(cut(emptyToNull(record.methodsJoined()), ActivityRecord.METHODS_LENGTH));
        e.setFailureReason(cut(record.failureReason(), ActivityRecord.FAILURE_REASON_LENGTH));
        e.setStep(cut(record.step(), ActivityRecord.STEP_LENGTH));
        e.setIpAddress(cut(record.ipAddress(), ActivityRecord.IP_LENGTH));
        e.setClientId(cut(record.clientId(), ActivityRecord.CLIENT_ID_LENGTH));
        return e;
    }

    @Override
    public List<ActivityRecord> list(String realmId, ActivityFilter filter, ActivityCursor after, int max) {
        StringBuilder jpql = new StringBuilder("select e from SsprActivityEntity e where e.realmId = :realmId");
        Map<String, Object> params = new HashMap<>();
        params.put("realmId", realmId);
        if (filter.type() != null) {
            jpql.append(" and e.type = :type");
            params.put("type", filter.type().id());
        }
        if (filter.userId() != null) {
            jpql.append(" and e.userId = :userId");
            params.put("userId", filter.userId());
        } else if (filter.username() != null) {
            jpql.append(" and e.username = :username");
            params.put("username", filter.username());
        }
        if (filter.result() != null) {
            jpql.append(" and e.result = :result");
            params.put("result", filter.result().id());
        }
        if (filter.method() != null) {
            // Methods are stored comma-separated; matching ",m," against ",a,b," never confuses "sms" with "sms2".
            jpql.append(" and concat(',', e.methods, ',') like :method");
            params.put("method", "%," + escapeLike(filter.method()) + ",%");
        }
        if (filter.from() != null) {
            jpql.append(" and e.time >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            jpql.append(" and e.time < :to");
            params.put("to", filter.to());
        }
        if (after != null) {
            // "time <= t" bounds the index range; the rest resolves equal times by id. Written as (a < t or b)
            // only, the database would walk the realm's index from its newest row to every deep page.
            jpql.append(" and e.time <= :afterTime and (e.time < :afterTime or e.id < :afterId)");
            params.put("afterTime", after.time());
            params.put("afterId", after.id());
        }
        jpql.append(" order by e.time desc, e.id desc");
        TypedQuery<SsprActivityEntity> query = em.createQuery(jpql.toString(), SsprActivityEntity.class);
        params.forEach(query::setParameter);
        query.setMaxResults(max);
        List<ActivityRecord> records = new ArrayList<>();
        for (SsprActivityEntity e : query.getResultList()) {
            records.add(toRecord(e));
            // Exports page through the whole table in one request: keep the persistence context from growing.
            em.detach(e);
        }
        return records;
    }

    @Override
    public ActivitySummary summarize(String realmId, long from, long to) {
        List<ActivitySummary.DayCount> byResult = new ArrayList<>();
        for (Object[] row : em.createQuery(
                        "select e.day, e.result, count(e) from SsprActivityEntity e where e.realmId = :realmId"
                                + " and e.time >= :from and e.time < :to group by e.day, e.result"
                                + " order by e.day, e.result",
                        Object[].class)
                .setParameter("realmId", realmId)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList()) {
            byResult.add(new ActivitySummary.DayCount(day(row[0]), (String) row[1], ((Number) row[2]).longValue()));
        }

        // Method combinations are few ("email", "email,sms" ...): group by the stored list, split here.
        Map<String, Map<String, Long>> methodsByDay = new TreeMap<>();
        for (Object[] row : em.createQuery(
                        "select e.day, e.methods, count(e) from SsprActivityEntity e where e.realmId = :realmId"
                                + " and e.time >= :from and e.time < :to and e.methods is not null"
                                + " group by e.day, e.methods",
                        Object[].class)
                .setParameter("realmId", realmId)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList()) {
            Map<String, Long> counts = methodsByDay.computeIfAbsent(day(row[0]), d -> new TreeMap<>());
            for (String method : ActivityRecord.splitMethods((String) row[1])) {
                counts.merge(method, ((Number) row[2]).longValue(), Long::sum);
            }
        }
        List<ActivitySummary.DayCount> byMethod = new ArrayList<>();
        methodsByDay.forEach((day, counts) ->
                counts.forEach((method, count) -> byMethod.add(new ActivitySummary.DayCount(day, method, count))));

        List<ActivitySummary.KeyCount> dropOff = keyCounts(
                "select e.step, count(e) from SsprActivityEntity e where e.realmId = :realmId"
                        + " and e.time >= :from and e.time < :to and e.result <> :succeeded and e.step is not null"
                        // A decoy flow (a name that is no account, or one that may not reset) is nobody's drop-off:
                        // its row has no user id, and only decoys lack one among flows that reached a step.
                        + " and e.userId is not null"
                        + " group by e.step order by count(e) desc, e.step",
                realmId,
                from,
                to,
                Integer.MAX_VALUE);
        List<ActivitySummary.KeyCount> reasons = keyCounts(
                "select e.failureReason, count(e) from SsprActivityEntity e where e.realmId = :realmId"
                        + " and e.time >= :from and e.time < :to and e.result <> :succeeded"
                        + " and e.failureReason is not null"
                        + " group by e.failureReason order by count(e) desc, e.failureReason",
                realmId,
                from,
                to,
                MAX_REASONS);
        return new ActivitySummary(byResult, byMethod, dropOff, reasons);
    }

    private List<ActivitySummary.KeyCount> keyCounts(String jpql, String realmId, long from, long to, int max) {
        List<ActivitySummary.KeyCount> counts = new ArrayList<>();
        for (Object[] row : em.createQuery(jpql, Object[].class)
                .setParameter("realmId", realmId)
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("succeeded", ActivityResult.SUCCEEDED.id())
                .setMaxResults(max)
                .getResultList()) {
            counts.add(new ActivitySummary.KeyCount((String) row[0], ((Number) row[1]).longValue()));
        }
        return counts;
    }

    @Override
    public void removeRealm(String realmId) {
        em.createQuery("delete from SsprActivityEntity e where e.realmId = :realmId")
                .setParameter("realmId", realmId)
                .executeUpdate();
    }

    @Override
    public int removeOlderThan(String realmId, long before) {
        return em.createQuery("delete from SsprActivityEntity e where e.realmId = :realmId and e.time < :before")
                .setParameter("realmId", realmId)
                .setParameter("before", before)
                .executeUpdate();
    }

    private static ActivityRecord toRecord(SsprActivityEntity e) {
        return new ActivityRecord(
                e.getId(),
                e.getRealmId(),
                e.getTime(),
                e.getUserId(),
                e.getUsername(),
                ActivityType.fromId(e.getType()).orElse(ActivityType.SELF_SERVICE_RESET),
                ActivityResult.fromId(e.getResult()).orElse(ActivityResult.FAILED),
                ActivityRecord.splitMethods(e.getMethods()),
                e.getFailureReason(),
                e.getStep(),
                e.getIpAddress(),
                e.getClientId());
    }

    private static String day(Object dayNumber) {
        return LocalDate.ofEpochDay(((Number) dayNumber).longValue()).toString();
    }

    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String escapeLike(String value) {
        // Method ids are [a-z0-9-] (the REST layer rejects others); LIKE wildcards are dropped, never passed on.
        return value.replaceAll("[^A-Za-z0-9-]", "");
    }
}
