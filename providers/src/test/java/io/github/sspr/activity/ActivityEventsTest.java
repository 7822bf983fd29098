package io.github.sspr.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class ActivityEventsTest {

    @ParameterizedTest
    @EnumSource(
            value = EventType.class,
            names = {
                "LOGIN",
                "LOGIN_ERROR",
                "CODE_TO_TOKEN",
                "REFRESH_TOKEN",
                "LOGOUT",
                "UPDATE_PASSWORD",
                "SEND_RESET_PASSWORD",
                "REGISTER"
            })
    void loginsAndDuplicatesAreNotRecorded(EventType type) {
        assertFalse(ActivityEvents.isRelevant(type));
        assertTrue(ActivityEvents.fromEvent(event(type, Map.of("credential_type", "password")), true)
                .isEmpty());
    }

    @Test
    void aPasswordUpdateInTheResetFlowIsASelfServiceReset() {
        ActivityRecord row = ActivityEvents.fromEvent(
                        event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "password", "username", "dave")),
                        true)
                .orElseThrow();
        assertEquals(ActivityType.SELF_SERVICE_RESET, row.type());
        assertEquals(ActivityResult.SUCCEEDED, row.result());
        assertEquals(List.of("email"), row.methods());
        assertEquals("dave", row.username());
        assertEquals("user-1", row.userId());
        assertEquals("realm-1", row.realmId());
        assertEquals("203.0.113.9", row.ipAddress());
        assertEquals("account-console", row.clientId());
        assertEquals("completed", row.step());
        assertNull(row.failureReason());
        assertEquals(1_700_000_000_000L, row.time());
    }

    @Test
    void aPasswordUpdateOutsideTheResetFlowIsAChange() {
        ActivityRecord row = ActivityEvents.fromEvent(
                        event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "password")), false)
                .orElseThrow();
        assertEquals(ActivityType.SELF_SERVICE_CHANGE, row.type());
        assertEquals(List.of("password"), row.methods());
    }

    @Test
    void aRejectedPasswordIsAFailureWithItsReason() {
        Event event = event(
                EventType.UPDATE_CREDENTIAL_ERROR,
                Map.of("credential_type", "password", "reason", "Invalid password: minimum length 12."));
        event.setError("password_rejected");
        ActivityRecord row = ActivityEvents.fromEvent(event, true).orElseThrow();
        assertEquals(ActivityResult.FAILED, row.result());
        assertEquals("password_rejected: Invalid password: minimum length 12.", row.failureReason());
        assertEquals("new-password", row.step());
    }

    @Test
    void resetFlowStepsMakeNoRowOnlyTheTerminalOutcomeDoes() {
        Event gateFailed =
                event(EventType.RESET_PASSWORD_ERROR, Map.of("sspr_methods", "email", "sspr_step", "gate-failed"));
        gateFailed.setError("invalid_code");
        assertTrue(ActivityEvents.fromEvent(gateFailed, true).isEmpty());
        assertTrue(ActivityEvents.fromEvent(
                        event(
                                EventType.UPDATE_CREDENTIAL,
                                Map.of("credential_type", "password", "sspr_step", "password-set")),
                        true)
                .isEmpty());
        assertTrue(ActivityEvents.fromEvent(event(EventType.RESET_PASSWORD, Map.of()), true)
                .isEmpty());

        ActivityRecord done = ActivityEvents.fromEvent(
                        event(
                                EventType.RESET_PASSWORD,
                                Map.of(
                                        "sspr_methods", "email,sms",
                                        "sspr_step", "completed",
                                        "sspr_outcome", "succeeded",
                                        "sspr_mode", "reset",
                                        "username", "dave")),
                        true)
                .orElseThrow();
        assertEquals(ActivityType.SELF_SERVICE_RESET, done.type());
        assertEquals(ActivityResult.SUCCEEDED, done.result());
        assertEquals(List.of("email", "sms"), done.methods());
        assertEquals("completed", done.step());
    }

    @Test
    void aFlowsIdentifiedStepStartsItsRowAbandonedAtThatStep() {
        Event identified = event(
                EventType.RESET_PASSWORD,
                Map.of(
                        "sspr_step", "identified",
                        "sspr_reached", "identified",
                        "sspr_flow", "f1",
                        "sspr_mode", "reset",
                        "username", "dave"));
        ActivityEvents.FlowUpdate start = ActivityEvents.flowUpdate(identified).orElseThrow();
        assertEquals("f1", start.flowId());
        assertEquals(ActivityEvents.FlowUpdate.Kind.START, start.kind());
        assertEquals(ActivityResult.ABANDONED, start.row().result());
        assertEquals(ActivityType.SELF_SERVICE_RESET, start.row().type());
        assertEquals("identified", start.row().step());
        assertEquals("dave", start.row().username());
        assertEquals("user-1", start.row().userId());
        assertEquals(List.of(), start.row().methods());
    }

    @Test
    void laterStepsMoveTheStepReachedAndKeepTheLastError() {
        ActivityEvents.FlowUpdate chosen = ActivityEvents.flowUpdate(event(
                        EventType.RESET_PASSWORD,
                        Map.of(
                                "sspr_step", "gate-chosen",
                                "sspr_reached", "gate-sms",
                                "sspr_methods", "sms",
                                "sspr_flow", "f1",
                                "sspr_mode", "unlock")))
                .orElseThrow();
        assertEquals(ActivityEvents.FlowUpdate.Kind.PROGRESS, chosen.kind());
        assertEquals("gate-sms", chosen.row().step());
        assertEquals(List.of("sms"), chosen.row().methods());
        assertEquals(ActivityType.SELF_SERVICE_UNLOCK, chosen.row().type());
        assertEquals(ActivityResult.ABANDONED, chosen.row().result());
        assertNull(chosen.row().failureReason());

        Event wrong = event(
                EventType.RESET_PASSWORD_ERROR,
                Map.of(
                        "sspr_step", "gate-failed",
                        "sspr_reached", "code-sms",
                        "sspr_flow", "f1",
                        "reason", "wrong code"));
        wrong.setError("invalid_code");
        ActivityEvents.FlowUpdate failed = ActivityEvents.flowUpdate(wrong).orElseThrow();
        assertEquals(ActivityEvents.FlowUpdate.Kind.PROGRESS, failed.kind());
        assertEquals("code-sms", failed.row().step());
        assertEquals("invalid_code: wrong code", failed.row().failureReason());

        // Without the reached detail (an older step event) the step's own name stands in.
        assertEquals(
                "other-way",
                ActivityEvents.flowUpdate(
                                event(EventType.RESET_PASSWORD, Map.of("sspr_step", "other-way", "sspr_flow", "f1")))
                        .orElseThrow()
                        .row()
                        .step());
    }

    @Test
    void theTerminalEventOfAFlowIsItsOutcome() {
        Event blocked = event(
                EventType.RESET_PASSWORD_ERROR,
                Map.of(
                        "sspr_outcome", "blocked",
                        "sspr_step", "code-email",
                        "sspr_reached", "code-email",
                        "sspr_methods", "email",
                        "sspr_flow", "f1",
                        "reason", "gate-failures"));
        blocked.setError("sspr_blocked");
        ActivityEvents.FlowUpdate outcome = ActivityEvents.flowUpdate(blocked).orElseThrow();
        assertEquals(ActivityEvents.FlowUpdate.Kind.OUTCOME, outcome.kind());
        assertEquals(ActivityResult.BLOCKED, outcome.row().result());
        assertEquals("code-email", outcome.row().step());
        assertEquals("sspr_blocked: gate-failures", outcome.row().failureReason());

        ActivityEvents.FlowUpdate done = ActivityEvents.flowUpdate(event(
                        EventType.RESET_PASSWORD,
                        Map.of(
                                "sspr_outcome", "succeeded",
                                "sspr_step", "completed",
                                "sspr_methods", "email,sms",
                                "sspr_flow", "f2")))
                .orElseThrow();
        assertEquals(ActivityResult.SUCCEEDED, done.row().result());
        assertEquals("completed", done.row().step());
        assertNull(done.row().failureReason());
    }

    @Test
    void eventsWithoutAFlowIdAreNotFlowUpdates() {
        // Steps before the user is identified (username missing, proof-of-work) carry no flow id and make no row.
        Event missing = event(EventType.RESET_PASSWORD_ERROR, Map.of("sspr_step", "identify"));
        missing.setError("username_missing");
        assertTrue(ActivityEvents.flowUpdate(missing).isEmpty());
        assertTrue(ActivityEvents.fromEvent(missing, true).isEmpty());
        assertTrue(ActivityEvents.flowUpdate(event(EventType.UPDATE_CREDENTIAL, Map.of("sspr_flow", "f1")))
                .isEmpty());
        assertTrue(ActivityEvents.flowUpdate(event(EventType.RESET_PASSWORD, Map.of("sspr_flow", "f1")))
                .isEmpty());
        assertTrue(ActivityEvents.flowUpdate(
                        event(EventType.RESET_PASSWORD_ERROR, Map.of("sspr_flow", "f1", "sspr_step", "not-me")))
                .isEmpty());
    }

    @Test
    void aBlockedUnlockFlowIsOneBlockedUnlockRow() {
        Event blocked = event(
                EventType.RESET_PASSWORD_ERROR,
                Map.of(
                        "sspr_methods", "questions",
                        "sspr_step", "gate-questions",
                        "sspr_outcome", "blocked",
                        "sspr_mode", "unlock",
                        "reason", "gate-failures"));
        blocked.setError("sspr_blocked");
        ActivityRecord row = ActivityEvents.fromEvent(blocked, true).orElseThrow();
        assertEquals(ActivityType.SELF_SERVICE_UNLOCK, row.type());
        assertEquals(ActivityResult.BLOCKED, row.result());
        assertEquals("gate-questions", row.step());
        assertEquals("sspr_blocked: gate-failures", row.failureReason());
    }

    @Test
    void registeringARecoveryMethodIsARegistration() {
        ActivityRecord row = ActivityEvents.fromEvent(
                        event(
                                EventType.UPDATE_CREDENTIAL,
                                Map.of("credential_type", "sspr-recovery-phone", "sspr_method", "phone")),
                        false)
                .orElseThrow();
        assertEquals(ActivityType.REGISTRATION, row.type());
        assertEquals(List.of("phone"), row.methods());
    }

    @Test
    void otherCredentialTypesAreNotRecorded() {
        assertTrue(ActivityEvents.fromEvent(event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "otp")), false)
                .isEmpty());
        assertTrue(ActivityEvents.fromEvent(event(EventType.UPDATE_CREDENTIAL, Map.of()), false)
                .isEmpty());
    }

    @Test
    void anUnknownUserTypedIntoForgotPasswordIsAFailedReset() {
        Event event = event(EventType.RESET_PASSWORD_ERROR, Map.of("username", "=cmd|' /C calc'!A0"));
        event.setUserId(null);
        event.setError("user_not_found");
        ActivityRecord row = ActivityEvents.fromEvent(event, true).orElseThrow();
        assertEquals(ActivityType.SELF_SERVICE_RESET, row.type());
        assertEquals(ActivityResult.FAILED, row.result());
        assertEquals("user_not_found", row.failureReason());
        assertEquals("identify", row.step());
        assertEquals("=cmd|' /C calc'!A0", row.username(), "stored as typed; CSV neutralizes it on the way out");
        assertNull(row.userId());
    }

    @Test
    void aLockoutIsABlock() {
        ActivityRecord row = ActivityEvents.fromEvent(
                        event(EventType.USER_DISABLED_BY_TEMPORARY_LOCKOUT, Map.of()), false)
                .orElseThrow();
        assertEquals(ActivityType.BLOCKED, row.type());
        assertEquals(ActivityResult.BLOCKED, row.result());
        assertEquals("temporary-lockout", row.failureReason());
        assertEquals(
                "permanent-lockout",
                ActivityEvents.fromEvent(event(EventType.USER_DISABLED_BY_PERMANENT_LOCKOUT, Map.of()), false)
                        .orElseThrow()
                        .failureReason());
    }

    @Test
    void aLockoutNamesTheUserByIdOnlyAndTheListenerAddsTheName() {
        // Keycloak's lockout event carries the user id and no username: the row must be completed, or the dashboard
        // shows a UUID where a person reads a name.
        ActivityRecord row = ActivityEvents.fromEvent(
                        event(EventType.USER_DISABLED_BY_TEMPORARY_LOCKOUT, Map.of()), false)
                .orElseThrow();
        assertTrue(row.userId() != null && row.username() == null, row.toString());
        assertTrue(row.lacksUsername());
        ActivityRecord named = row.withUsername("dave");
        assertEquals("dave", named.username());
        assertEquals(row.id(), named.id());
        assertEquals(row.failureReason(), named.failureReason());
        assertFalse(named.lacksUsername());
    }

    @Test
    void anAdminPasswordResetIsRecognizedByItsPath() {
        AdminEvent event = adminEvent("users/3f6c/reset-password", OperationType.ACTION, ResourceType.USER);
        assertEquals("3f6c", ActivityEvents.adminResetUserId(event).orElseThrow());
        ActivityRecord row = ActivityEvents.fromAdminReset(event, "3f6c", "dave", "admin-cli");
        assertEquals(ActivityType.ADMIN_RESET, row.type());
        assertEquals(ActivityResult.SUCCEEDED, row.result());
        assertEquals(List.of("admin"), row.methods());
        assertEquals("198.51.100.7", row.ipAddress());
        assertEquals("admin-cli", row.clientId());
        assertEquals("dave", row.username());
    }

    @Test
    void otherAdminEventsAreNotResets() {
        assertTrue(ActivityEvents.adminResetUserId(adminEvent("users/3f6c", OperationType.UPDATE, ResourceType.USER))
                .isEmpty());
        assertTrue(ActivityEvents.adminResetUserId(
                        adminEvent("users/3f6c/reset-password-email", OperationType.ACTION, ResourceType.USER))
                .isEmpty());
        assertTrue(ActivityEvents.adminResetUserId(
                        adminEvent("users/3f6c/reset-password", OperationType.ACTION, ResourceType.CLIENT))
                .isEmpty());
        assertTrue(ActivityEvents.adminResetUserId(null).isEmpty());
    }

    @Test
    void theResetFlowIsToldApartFromAChange() {
        // What Keycloak 26.7.3 holds when the new password of a forgot-password flow is posted.
        assertTrue(ActivityEvents.isResetFlow("required-action", Set.of("UPDATE_PASSWORD"), null));
        assertTrue(ActivityEvents.isResetFlow("reset-credentials", Set.of(), null));
        // Application-initiated change (kc_action=UPDATE_PASSWORD) and a plain login.
        assertFalse(ActivityEvents.isResetFlow("required-action", Set.of("UPDATE_PASSWORD"), "UPDATE_PASSWORD"));
        assertFalse(ActivityEvents.isResetFlow("required-action", Set.of(), "UPDATE_PASSWORD"));
        assertFalse(ActivityEvents.isResetFlow("authenticate", Set.of(), null));
        assertFalse(ActivityEvents.isResetFlow(null, null, null));
    }

    @Test
    void aThisWasntMeReportIsRecordedWhateverItsEventType() {
        Event report = event(
                EventType.CUSTOM_REQUIRED_ACTION,
                Map.of(
                        "sspr_step", "not-me",
                        "sspr_type", "admin-reset",
                        "sspr_methods", "admin",
                        "username", "dave"));
        assertTrue(ActivityEvents.isNotMeReport(report));
        ActivityRecord row = ActivityEvents.fromEvent(report, false).orElseThrow();
        assertEquals(ActivityType.ADMIN_RESET, row.type());
        assertEquals(ActivityResult.REPORTED_NOT_ME, row.result());
        assertEquals("reported-not-me", row.result().id());
        assertEquals("not-me", row.step());
        assertEquals(List.of("admin"), row.methods());
        assertEquals("dave", row.username());

        // Without a (valid) type it reports a self-service reset; an event type we otherwise ignore still counts.
        ActivityRecord plain = ActivityEvents.fromEvent(
                        event(EventType.RESET_PASSWORD, Map.of("sspr_step", "not-me", "sspr_type", "nonsense")), true)
                .orElseThrow();
        assertEquals(ActivityType.SELF_SERVICE_RESET, plain.type());
        assertEquals(ActivityResult.REPORTED_NOT_ME, plain.result());
        assertFalse(ActivityEvents.isNotMeReport(event(EventType.RESET_PASSWORD, Map.of("sspr_step", "verify"))));
    }

    private static Event event(EventType type, Map<String, String> details) {
        Event event = new Event();
        event.setType(type);
        event.setRealmId("realm-1");
        event.setUserId("user-1");
        event.setClientId("account-console");
        event.setIpAddress("203.0.113.9");
        event.setTime(1_700_000_000_000L);
        event.setDetails(new HashMap<>(details));
        return event;
    }

    private static AdminEvent adminEvent(String path, OperationType operation, ResourceType resourceType) {
        AdminEvent event = new AdminEvent();
        event.setRealmId("realm-1");
        event.setTime(1_700_000_000_000L);
        event.setResourcePath(path);
        event.setOperationType(operation);
        event.setResourceType(resourceType);
        AuthDetails auth = new AuthDetails();
        auth.setIpAddress("198.51.100.7");
        auth.setClientId("admin-cli");
        event.setAuthDetails(auth);
        return event;
    }
}
