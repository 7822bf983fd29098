package io.github.sspr.it.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.SsprServerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * "Unlock my account" on the sign-in page: the same link under the password field whatever the name typed (unknown,
 * wrong password, locked by brute-force detection), present only while the policy allows self-service unlock, and
 * leading into the reset flow with the unlock choice preselected.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class UnlockLinkIT {

    private static final String LINK = "sspr-unlock-link";

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @Test
    void theLinkIsTheSameForEveryoneAndStartsTheFlowInUnlockMode() {
        DemoUsers.Created locked = DemoUsers.create(realm.admin(), "lock");
        for (int i = 0; i < 5; i++) {
            assertThrows(
                    IllegalStateException.class,
                    () -> AdminApi.passwordGrant(realm.getName(), locked.username(), "Wrong-Passw0rd-9"));
        }
        DemoUsers.Created fine = DemoUsers.create(realm.admin(), "fine");

        // The demo realm was imported with its policy (self-service unlock on): no console save was needed.
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.open(realm.getName(), null);
            assertTrue(browser.has(LINK), browser.html());
            assertEquals("Unlock my account", browser.text(LINK));
            String blank = linkShape(browser);

            for (String[] attempt : List.of(
                    new String[] {"nobody-" + System.nanoTime(), "Some-Passw0rd-1"},
                    new String[] {fine.username(), "Wrong-Passw0rd-1"},
                    new String[] {locked.username(), DemoUsers.PASSWORD})) {
                browser.type("username", attempt[0])
                        .type("password", attempt[1])
                        .click("kc-login");
                assertTrue(browser.html().contains("Invalid username or password."), attempt[0]);
                assertTrue(browser.has(LINK), attempt[0] + ": " + browser.html());
                assertEquals(blank, linkShape(browser), "the same link whatever was typed");
            }

            browser.click(LINK);
            assertTrue(browser.has("sspr-identify-form"), browser.html());
            assertEquals("true", checked(browser, "sspr-mode-unlock"), "unlock preselected");
            assertNull(checked(browser, "sspr-mode-reset"));
        }

        try (PolicyFixture policy = PolicyFixture.apply(realm, Map.of("selfServiceUnlock", List.of("false")));
                LoginBrowser browser = new LoginBrowser()) {
            browser.open(realm.getName(), null);
            assertTrue(browser.has("kc-login"));
            assertFalse(browser.has(LINK), "no link while the policy does not allow self-service unlock");
        }
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.open(realm.getName(), null);
            assertTrue(browser.has(LINK), "back when the policy is restored");
        }
    }

    /** The link without the per-session parts of its URL (tab id, session code). */
    private static String linkShape(LoginBrowser browser) {
        String html = browser.html();
        int at = html.indexOf("id=\"" + LINK + "\"");
        String tag = html.substring(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
        return tag.replaceAll("tab_id=[^&\"]*", "tab_id=*")
                .replaceAll("session_code=[^&\"]*", "session_code=*")
                .replaceAll("client_data=[^&\"]*", "client_data=*");
    }

    private static String checked(LoginBrowser browser, String id) {
        return browser.attribute(id, "checked");
    }
}
