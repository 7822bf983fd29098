package io.github.sspr.activity.model;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of activity: who did what in which realm, how it ended, with which methods and how far they got. Holds no
 * secret: never a code, answer, password or full destination.
 *
 * @param id unique id (UUID); the tie-breaker of the keyset order
 * @param time epoch milliseconds
 * @param methods the verification methods used, in order (e.g. {@code email}, {@code sms}); never null
 */
public record ActivityRecord(
        String id,
        String realmId,
        long time,
        String userId,
        String username,
        ActivityType type,
        ActivityResult result,
        List<String> methods,
        String failureReason,
        String step,
        String ipAddress,
        String clientId) {

    /** Column sizes of {@code SSPR_ACTIVITY}; values are cut to fit so that an insert can never fail on length. */
    public static final int ID_LENGTH = 36;

    public static final int USER_ID_LENGTH = 36;
    public static final int USERNAME_LENGTH = 255;
    public static final int METHODS_LENGTH = 255;
    public static final int FAILURE_REASON_LENGTH = 255;
    public static final int STEP_LENGTH = 64;
    public static final int IP_LENGTH = 64;
    public static final int CLIENT_ID_LENGTH = 255;
    /** Column size of the flow id that keys a reset flow's row (not part of the record: it is never reported). */
    public static final int FLOW_ID_LENGTH = 64;

    public ActivityRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(result, "result");
        methods = methods == null ? List.of() : List.copyOf(methods);
    }

    /** A new record with a fresh id. */
    public static ActivityRecord of(
            String realmId,
            long time,
            String userId,
            String username,
            ActivityType type,
            ActivityResult result,
            List<String> methods,
            String failureReason,
            String step,
            String ipAddress,
            String clientId) {
        return new ActivityRecord(
                UUID.randomUUID().toString(),
                realmId,
                time,
                userId,
                username,
                type,
                result,
                methods,
                failureReason,
                step,
                ipAddress,
                clientId);
    }

    /** This record with {@code username} (an event that names only the user id, e.g. a brute-force lockout). */
    public ActivityRecord withUsername(String username) {
        return new ActivityRecord(
                id, realmId, time, userId, username, type, result, methods, failureReason, step, ipAddress, clientId);
    }

    /** Whether the row names a user by id only: the dashboard would show a UUID where a person reads a name. */
    public boolean lacksUsername() {
        return userId != null && (username == null || username.isBlank());
    }

    /** The methods as stored: comma-separated ids, e.g. {@code email,sms}. */
    public String methodsJoined() {
        return String.join(",", methods);
    }

    /** Parses {@link #methodsJoined()}. */
    public static List<String> splitMethods(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return List.of(joined.split(","));
    }
}
