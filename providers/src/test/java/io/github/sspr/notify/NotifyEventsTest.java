package io.github.sspr.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class NotifyEventsTest {

    @Test
    void aPasswordUpdateOutsideTheResetFlowIsAChange() {
        assertTrue(NotifyEvents.isPasswordChange(update("password", null), false));
    }

    @Test
    void notInTheResetFlowNotOtherCredentialsNotTheLegacyTwinNotFailures() {
        assertFalse(NotifyEvents.isPasswordChange(update("password", null), true));
        assertFalse(NotifyEvents.isPasswordChange(update("otp", null), false));
        assertFalse(NotifyEvents.isPasswordChange(update("sspr-recovery-email", null), false));
        assertFalse(NotifyEvents.isPasswordChange(update("password", "invalid_password"), false));
        Event legacy = update("password", null);
        legacy.setType(EventType.UPDATE_PASSWORD);
        assertFalse(NotifyEvents.isPasswordChange(legacy, false));
    }

    @Test
    void anAdminResetNamesItsUserAndASelfResetIsRecognized() {
        AdminEvent reset = adminReset("u-1", "admin-9", "realm-1");
        assertEquals(Optional.of("u-1"), NotifyEvents.adminResetUser(reset));
        assertFalse(NotifyEvents.isSelfReset(reset, "u-1"));

        AdminEvent self = adminReset("u-1", "u-1", "realm-1");
        assertTrue(NotifyEvents.isSelfReset(self, "u-1"));
        // Same id, but the admin signed in to another realm (ids are per realm): not a self-reset.
        assertFalse(NotifyEvents.isSelfReset(adminReset("u-1", "u-1", "master"), "u-1"));
    }

    @Test
    void otherAdminEventsAndFailedResetsAreIgnored() {
        AdminEvent failed = adminReset("u-1", "u-1", "realm-1");
        failed.setError("invalid_password");
        assertEquals(Optional.empty(), NotifyEvents.adminResetUser(failed));
        AdminEvent logout = adminReset("u-1", "u-1", "realm-1");
        logout.setResourcePath("users/u-1/logout");
        assertEquals(Optional.empty(), NotifyEvents.adminResetUser(logout));
    }

    private static Event update(String credentialType, String error) {
        Event event = new Event();
        event.setType(EventType.UPDATE_CREDENTIAL);
        event.setUserId("u-1");
        event.setRealmId("realm-1");
        event.setError(error);
        event.setDetails(Map.of("credential_type", credentialType));
        return event;
    }

    private static AdminEvent adminReset(String userId, String adminId, String adminRealm) {
        AdminEvent event = new AdminEvent();
        event.setRealmId("realm-1");
        event.setOperationType(OperationType.ACTION);
        event.setResourceType(ResourceType.USER);
        event.setResourcePath("users/" + userId + "/reset-password");
        AuthDetails auth = new AuthDetails();
        auth.setUserId(adminId);
        auth.setRealmId(adminRealm);
        auth.setIpAddress("192.0.2.7");
        event.setAuthDetails(auth);
        return event;
    }
}
