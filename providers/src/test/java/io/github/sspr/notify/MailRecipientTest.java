package io.github.sspr.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.UserModel;

class MailRecipientTest {

    /** A user whose every getter answers from a table; anything else is not expected. */
    private static UserModel user(Map<String, Object> answers) {
        return (UserModel) Proxy.newProxyInstance(
                MailRecipientTest.class.getClassLoader(), new Class<?>[] {UserModel.class}, (self, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }

    @Test
    void keycloaksProviderMailsTheChosenAddressWhileEverythingElseIsTheUsers() {
        UserModel dave = user(Map.of(
                "getEmail", "dave@corp.example",
                "getId", "u-1",
                "getUsername", "dave",
                "getFirstAttribute", "de"));

        UserModel recipient = MailRecipient.of(dave, "dave.private@mail.example");

        assertEquals("dave.private@mail.example", recipient.getEmail());
        assertEquals("u-1", recipient.getId());
        assertEquals("dave", recipient.getUsername());
        assertEquals("de", recipient.getFirstAttribute(UserModel.LOCALE));
        assertEquals("dave@corp.example", dave.getEmail(), "the user itself is not changed");
    }

    @Test
    void anAddressIsRequired() {
        UserModel dave = user(Map.of());
        assertThrows(NullPointerException.class, () -> MailRecipient.of(dave, null));
        assertThrows(NullPointerException.class, () -> MailRecipient.of(null, "a@b.example"));
    }
}
