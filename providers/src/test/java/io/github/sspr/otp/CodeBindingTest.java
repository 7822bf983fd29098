package io.github.sspr.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sspr.otp.store.AuthSessionNoteStore;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

class CodeBindingTest {

    @Test
    void purposeMustBeASafeToken() {
        assertEquals("reset-sms", new CodeBinding("u", "s", "t", "reset-sms").purpose());
        assertThrows(IllegalArgumentException.class, () -> new CodeBinding("u", "s", "t", "Reset"));
        assertThrows(IllegalArgumentException.class, () -> new CodeBinding("u", "s", "t", "a b"));
        assertThrows(IllegalArgumentException.class, () -> new CodeBinding("u", "s", "t", ""));
        assertThrows(IllegalArgumentException.class, () -> new CodeBinding("u", "s", "t", "x".repeat(49)));
        assertThrows(NullPointerException.class, () -> new CodeBinding(null, "s", "t", "p"));
    }

    @Test
    void bindingFromAnAuthenticationSessionUsesItsRootIdAndTab() {
        AuthenticationSessionModel authSession = FakeAuthSession.create("root-42", "tab-7", new HashMap<>());

        CodeBinding binding = AuthSessionNoteStore.binding(authSession, "user-9", "reset-email");

        assertEquals(new CodeBinding("user-9", "root-42", "tab-7", "reset-email"), binding);
    }

    @Test
    void authSessionNoteStoreReadsAndWritesAuthNotes() {
        Map<String, String> authNotes = new HashMap<>();
        AuthSessionNoteStore store = new AuthSessionNoteStore(FakeAuthSession.create("r", "t", authNotes));

        store.set("a", "1");
        assertEquals(Map.of("a", "1"), authNotes);
        assertEquals("1", store.get("a"));
        store.remove("a");
        assertEquals(Map.of(), authNotes);
    }

    /** Just enough of an authentication session: auth notes, tab id and the root session's id. */
    static final class FakeAuthSession {
        static AuthenticationSessionModel create(String rootId, String tabId, Map<String, String> authNotes) {
            RootAuthenticationSessionModel root = (RootAuthenticationSessionModel) Proxy.newProxyInstance(
                    FakeAuthSession.class.getClassLoader(),
                    new Class<?>[] {RootAuthenticationSessionModel.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("getId")) {
                            return rootId;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            return (AuthenticationSessionModel) Proxy.newProxyInstance(
                    FakeAuthSession.class.getClassLoader(),
                    new Class<?>[] {AuthenticationSessionModel.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "getParentSession":
                                return root;
                            case "getTabId":
                                return tabId;
                            case "getAuthNote":
                                return authNotes.get((String) args[0]);
                            case "setAuthNote":
                                authNotes.put((String) args[0], (String) args[1]);
                                return null;
                            case "removeAuthNote":
                                authNotes.remove((String) args[0]);
                                return null;
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }
    }
}
