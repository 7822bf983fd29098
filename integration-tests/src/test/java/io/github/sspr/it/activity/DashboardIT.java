package io.github.sspr.it.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Artifacts;
import io.github.sspr.it.support.Chromium;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.DemoUsers;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.RealmManagementRoles;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The activity dashboard in Chromium: helpdesk signs in through the {@code sspr-dashboard} client (code + PKCE), sees
 * charts and rows made by real requests, filters, downloads the CSV; a username typed as HTML stays text; a user
 * without view-events is refused by the API and told so on the page.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class DashboardIT {

    /** Typed into "Forgot password?": would run script if any cell were filled as HTML. */
    static final String XSS = "<img src=x onerror=\"window.__ssprXss=1\">";

    private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]*login-actions[^\"]*)\"");

    /** Without the sign-in registration prompt: helpdesk is privileged and has not registered two methods. */
    private static final Map<String, List<String>> NO_PROMPT = Map.of(
            "methods", List.of("email", "sms", "voice"),
            "gatesRequired", List.of("1"),
            "requireRegistration", List.of("false"));

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @Test
    void helpdeskSeesChartsFiltersAndDownloadsTheActivity() throws IOException {
        Chromium.requireOrSkip();
        matchClientToRealmName();
        // Real activity over HTTP: three admin resets of a fresh user, one forgot-password attempt for a username
        // that is HTML.
        DemoUsers.Created user = DemoUsers.create(realm.admin(), "dash");
        for (int i = 0; i < 3; i++) {
            realm.admin().users().get(user.id()).resetPassword(password("Dash-Passw0rd-" + i + "!"));
        }
        forgotPassword(XSS);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Path downloads = Files.createDirectories(Artifacts.dir().resolve("dashboard-downloads"));
        Files.deleteIfExists(downloads.resolve("sspr-activity-" + realm.getName() + ".csv"));

        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_PROMPT);
                Chromium chromium = Chromium.start("dashboard")) {
            chromium.walk(() -> {
                chromium.open(dashboardUrl());
                chromium.waitFor(By.id("username")).sendKeys("helpdesk");
                chromium.shot("sign-in");
                chromium.driver().findElement(By.id("password")).sendKeys("Helpdesk-Passw0rd!" + Keys.ENTER);
                waitReady(chromium);
                assertEquals(
                        "helpdesk", chromium.driver().findElement(By.id("who")).getText());
                assertTrue(
                        chromium.driver().getCurrentUrl().endsWith("/sspr-dashboard/"),
                        "the code left the address bar: " + chromium.driver().getCurrentUrl());

                // Charts drawn from the summary: today's admin resets, the methods, the readiness ring.
                assertTrue(
                        chromium.driver()
                                        .findElements(By.cssSelector("#svg-per-day rect[data-result='succeeded']"))
                                        .size()
                                >= 1,
                        "no bar of succeeded activity");
                assertTrue(chromium.driver()
                                .findElements(By.cssSelector("#chart-methods rect[data-key='admin']"))
                                .size()
                        == 1);
                assertTrue(chromium.driver()
                        .findElement(By.id("readiness-percent"))
                        .getText()
                        .matches("\\d{1,3}%"));
                assertTrue(
                        Integer.parseInt(chromium.driver()
                                        .findElement(By.id("svg-readiness"))
                                        .getAttribute("data-users"))
                                >= 4,
                        "readiness counts the realm's users");

                // The HTML username is a row of text: no element made of it, no script run.
                WebElement xssCell = chromium.driver().findElements(By.cssSelector("#rows td.user")).stream()
                        .filter(td -> XSS.equals(td.getText()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no row shows the typed username as text"));
                assertTrue(xssCell.findElements(By.xpath("./*")).isEmpty());
                assertEquals(
                        0,
                        chromium.driver()
                                .findElements(By.cssSelector("#rows img"))
                                .size());
                assertEquals(null, js(chromium).executeScript("return window.__ssprXss === undefined ? null : 1;"));
                chromium.shot("dashboard");

                // Filters: admin resets of the fresh user, today (UTC).
                new Select(chromium.driver().findElement(By.id("f-type"))).selectByValue("admin-reset");
                chromium.driver().findElement(By.id("f-user")).sendKeys(user.username());
                js(chromium)
                        .executeScript(
                                "document.getElementById('f-from').value = arguments[0];"
                                        + "document.getElementById('f-to').value = arguments[0];",
                                today);
                chromium.driver().findElement(By.id("apply")).click();
                new WebDriverWait(chromium.driver(), Duration.ofSeconds(15))
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                        .until(d -> d.findElements(By.cssSelector("#rows tr")).size() == 3
                                && d.findElements(By.cssSelector("#rows td.user")).stream()
                                        .allMatch(td -> user.username().equals(td.getText())));
                assertEquals(
                        "3 rows shown",
                        chromium.driver().findElement(By.id("table-info")).getText());
                chromium.driver()
                        .findElements(By.cssSelector("#rows tr"))
                        .forEach(tr -> assertTrue(tr.getText().contains("Admin reset"), tr.getText()));
                chromium.shot("filtered");

                // CSV of the same filters, fetched with the token and saved by the browser.
                ((ChromeDriver) chromium.driver())
                        .executeCdpCommand(
                                "Browser.setDownloadBehavior",
                                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
                chromium.driver().findElement(By.id("csv")).click();
                Path csv = downloads.resolve("sspr-activity-" + realm.getName() + ".csv");
                new WebDriverWait(chromium.driver(), Duration.ofSeconds(15))
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                        .until(d -> Files.isRegularFile(csv));
                String body = read(csv);
                String[] lines = body.split("\r\n");
                assertTrue(lines[0].startsWith("\"time\",\"type\",\"result\""), body);
                assertEquals(4, lines.length, body);
                assertTrue(body.contains(",\"admin-reset\",\"succeeded\","), body);
                assertTrue(body.contains(user.username()), body);
                chromium.shot("csv-downloaded");
            });
        }
    }

    @Test
    void theHelpdeskVerifiesACallerFromTheDashboard() {
        Chromium.requireOrSkip();
        matchClientToRealmName();
        ResetUsers.Created caller = ResetUsers.create(realm.admin(), "caller", true, null);
        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_PROMPT);
                Chromium chromium = Chromium.start("dashboard-helpdesk")) {
            chromium.walk(() -> {
                WebDriver driver = chromium.driver();
                chromium.open(dashboardUrl());
                chromium.waitFor(By.id("username")).sendKeys("helpdesk");
                driver.findElement(By.id("password")).sendKeys("Helpdesk-Passw0rd!" + Keys.ENTER);
                waitReady(chromium);
                assertTrue(driver.findElement(By.id("helpdesk")).isDisplayed(), "the helpdesk panel is shown");

                // Pick the caller's account by name.
                driver.findElement(By.id("hd-query")).sendKeys(caller.username());
                driver.findElement(By.id("hd-find")).click();
                chromium.waitFor(By.cssSelector("#hd-users button[data-user='" + caller.id() + "']"))
                        .click();
                until(chromium, d -> d.findElement(By.id("hd-latest")).getText().startsWith("No verification"));
                assertEquals(
                        "Account enabled.",
                        driver.findElement(By.id("hd-state")).getText());
                Select method = new Select(driver.findElement(By.id("hd-method")));
                assertEquals("Email", method.getFirstSelectedOption().getText());
                assertEquals(1, method.getOptions().size(), "no phone registered: email only");
                chromium.shot("helpdesk-picked");

                // Send the challenge to the registered recovery email.
                Set<String> before = Mails.seen(mail);
                driver.findElement(By.id("hd-send-button")).click();
                until(chromium, d -> d.findElement(By.id("hd-sent")).getText().startsWith("Code sent to"));
                String sent = driver.findElement(By.id("hd-sent")).getText();
                assertFalse(sent.contains(caller.recoveryEmail()), "the address is masked: " + sent);
                String code = Mails.codeTo(mail, caller.recoveryEmail(), before, 8);
                chromium.shot("helpdesk-sent");

                // The caller reads a wrong code, then the right one.
                WebElement codeField = driver.findElement(By.id("hd-code"));
                codeField.sendKeys(code.equals("00000000") ? "11111111" : "00000000");
                driver.findElement(By.id("hd-check-button")).click();
                until(chromium, d -> d.findElement(By.id("hd-result")).getText().startsWith("Wrong code"));
                assertEquals(
                        "Wrong code. Tries left: 4.",
                        driver.findElement(By.id("hd-result")).getText());
                codeField.clear();
                codeField.sendKeys(code);
                driver.findElement(By.id("hd-check-button")).click();
                until(chromium, d -> d.findElement(By.id("hd-result")).getText().startsWith("Verified"));
                assertEquals(
                        "Verified: the caller controls a method registered to " + caller.username() + ".",
                        driver.findElement(By.id("hd-result")).getText());
                until(
                        chromium,
                        d -> d.findElement(By.id("hd-latest"))
                                .getText()
                                .startsWith("Latest verification: Verified, by Email ("));
                assertTrue(
                        driver.findElement(By.id("hd-latest")).getText().endsWith(", by helpdesk."),
                        driver.findElement(By.id("hd-latest")).getText());
                assertFalse(driver.getPageSource().contains(code), "the code is never on the page");
                chromium.shot("helpdesk-verified");
            });
        }
    }

    @Test
    void activityRowsAreWordedForPeopleLockoutsNameTheUserAndDecoysLeaveTheFunnel() {
        Chromium.requireOrSkip();
        matchClientToRealmName();
        DemoUsers.Created locked = DemoUsers.create(realm.admin(), "lockd");
        for (int i = 0; i < 5; i++) {
            try {
                AdminApi.passwordGrant(realm.getName(), locked.username(), "Wrong-Passw0rd-" + i);
            } catch (IllegalStateException expected) {
                // refused, as it should be: the fifth locks the account
            }
        }
        String ghost = "ghost-" + locked.username().substring(locked.username().length() - 6);
        forgotPassword(ghost);
        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_PROMPT);
                Chromium chromium = Chromium.start("dashboard-wording")) {
            chromium.walk(() -> {
                WebDriver driver = chromium.driver();
                chromium.open(dashboardUrl());
                chromium.waitFor(By.id("username")).sendKeys("helpdesk");
                driver.findElement(By.id("password")).sendKeys("Helpdesk-Passw0rd!" + Keys.ENTER);
                waitReady(chromium);

                // The lockout row names the user, and its words are the reader's, not ids.
                new Select(driver.findElement(By.id("f-type"))).selectByValue("blocked");
                driver.findElement(By.id("f-user")).sendKeys(locked.username());
                driver.findElement(By.id("apply")).click();
                until(chromium, d -> d.findElements(By.cssSelector("#rows tr")).size() == 1);
                List<WebElement> cells = driver.findElements(By.cssSelector("#rows tr td"));
                assertEquals(locked.username(), cells.get(3).getText(), "a name, not a UUID");
                assertEquals("Password", cells.get(4).getText());
                assertEquals("Sign-in", cells.get(5).getText());
                assertEquals(
                        "Locked out for a while (failed sign-ins)", cells.get(6).getText());
                chromium.shot("lockout-row");

                // The decoy's row is worded too; the drop-off chart never shows a raw step id.
                new Select(driver.findElement(By.id("f-type"))).selectByValue("");
                driver.findElement(By.id("f-user")).clear();
                driver.findElement(By.id("f-user")).sendKeys(ghost);
                driver.findElement(By.id("apply")).click();
                // The table may be drawn again while it is read: read the cell inside the wait (stale reads retried).
                until(
                        chromium,
                        d -> d.findElements(By.cssSelector("#rows tr")).size() == 1
                                && "Identified"
                                        .equals(d.findElements(By.cssSelector("#rows tr td"))
                                                .get(5)
                                                .getText()));
                for (WebElement label : driver.findElements(By.cssSelector("#chart-funnel text"))) {
                    assertFalse(label.getText().matches("[a-z]+(-[a-z]+)+"), "raw step id: " + label.getText());
                }
                chromium.shot("worded-rows");
            });
        }
    }

    @Test
    void adminsSeeTheirDirectoriesAndTestTheConnectionFromThePage() {
        Chromium.requireOrSkip();
        matchClientToRealmName();
        DemoUsers.Created admin = DemoUsers.create(realm.admin(), "diradmin");
        RealmManagementRoles.grant(
                realm.admin(), admin.id(), "view-events", "view-users", "view-realm", "manage-realm");
        // Beside the demo directory, one that nobody answers.
        ComponentRepresentation dead = new ComponentRepresentation();
        dead.setName("zz-unreachable");
        dead.setProviderId("sspr-ldap");
        dead.setProviderType("org.keycloak.storage.UserStorageProvider");
        dead.setParentId(realm.getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        Map.of(
                        "enabled", "true",
                        "vendor", "generic",
                        "connectionUrls", "ldap://127.0.0.1:1",
                        "tlsMode", "none",
                        "usersDn", "ou=people,dc=nowhere,dc=test",
                        "connectTimeoutMillis", "500")
                .forEach(config::putSingle);
        dead.setConfig(config);
        String deadId;
        try (jakarta.ws.rs.core.Response created = realm.admin().components().add(dead)) {
            assertEquals(201, created.getStatus());
            String location = created.getLocation().getPath();
            deadId = location.substring(location.lastIndexOf('/') + 1);
        }
        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_PROMPT);
                Chromium chromium = Chromium.start("dashboard-directories")) {
            chromium.walk(() -> {
                chromium.open(dashboardUrl());
                chromium.waitFor(By.id("username")).sendKeys(admin.username());
                chromium.driver().findElement(By.id("password")).sendKeys(DemoUsers.PASSWORD + Keys.ENTER);
                waitReady(chromium);
                assertTrue(chromium.driver().findElement(By.id("directories")).isDisplayed());
                WebElement demo = connectionCell(chromium, "demo-directory");
                assertTrue(demo.getText().matches("Reachable \\(\\d+ ms\\)"), demo.getText());
                WebElement nowhere = connectionCell(chromium, "zz-unreachable");
                assertTrue(nowhere.getText().startsWith("Unreachable: ldap=91"), nowhere.getText());

                // "Test connection" asks again (POST …/test, manage-realm) and shows the answer in place.
                chromium.driver()
                        .findElement(By.cssSelector("button[data-test='" + deadId + "']"))
                        .click();
                new WebDriverWait(chromium.driver(), Duration.ofSeconds(15))
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                        .until(d -> connectionCell(chromium, "zz-unreachable")
                                .getText()
                                .startsWith("Unreachable: ldap=91"));
                chromium.shot("directories");
            });
        } finally {
            realm.admin().components().component(deadId).remove();
        }
    }

    @Test
    void theDirectoriesPanelStaysHiddenWithoutViewRealm() {
        Chromium.requireOrSkip();
        matchClientToRealmName();
        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_PROMPT);
                Chromium chromium = Chromium.start("dashboard-no-directories")) {
            chromium.walk(() -> {
                chromium.open(dashboardUrl());
                chromium.waitFor(By.id("username")).sendKeys("helpdesk");
                chromium.driver().findElement(By.id("password")).sendKeys("Helpdesk-Passw0rd!" + Keys.ENTER);
                waitReady(chromium);
                // helpdesk has view-events and view-users, not view-realm: the directory health is not theirs.
                assertTrue(!chromium.driver().findElement(By.id("directories")).isDisplayed());
                assertEquals(
                        0,
                        chromium.driver()
                                .findElements(By.cssSelector("#directory-rows tr"))
                                .size());
            });
        }
    }

    @Test
    void aUserWithoutViewEventsIsRefusedAndToldSo() {
        Chromium.requireOrSkip();
        matchClientToRealmName();
        DemoUsers.Created nobody = DemoUsers.create(realm.admin(), "noevents");

        // The APIs the page calls: all refused.
        try (PolicyFixture policy = PolicyFixture.apply(realm, NO_PROMPT)) {
            AdminApi api = new AdminApi(AdminApi.passwordGrant(realm.getName(), nobody.username(), DemoUsers.PASSWORD));
            String base = "/admin/realms/" + realm.getName() + "/sspr/";
            for (String path : List.of("activity", "activity/summary", "activity/readiness/summary", "activity.csv")) {
                assertEquals(403, api.get(base + path).status(), path);
            }

            try (Chromium chromium = Chromium.start("dashboard-forbidden")) {
                chromium.walk(() -> {
                    chromium.open(dashboardUrl());
                    chromium.waitFor(By.id("username")).sendKeys(nobody.username());
                    chromium.driver().findElement(By.id("password")).sendKeys(DemoUsers.PASSWORD + Keys.ENTER);
                    WebElement error = chromium.waitFor(By.id("error"));
                    assertTrue(
                            error.getText().contains("may not read this realm's password reset activity"),
                            error.getText());
                    assertTrue(error.getText().contains("view-events"), error.getText());
                    assertTrue(!chromium.driver().findElement(By.id("content")).isDisplayed());
                    chromium.shot("forbidden");
                });
            }
        }
    }

    @Test
    void theDashboardFilesCarryAStrictContentSecurityPolicy() {
        HttpResponse<String> page = http(AdminApi.BASE + "/realms/" + realm.getName() + "/sspr-dashboard/");
        assertEquals(200, page.statusCode());
        List<String> policies = page.headers().allValues("Content-Security-Policy");
        assertTrue(
                policies.stream()
                        .anyMatch(csp -> csp.contains("script-src 'self'") && csp.contains("connect-src 'self'")),
                policies.toString());
        assertTrue(policies.stream().noneMatch(csp -> csp.contains("unsafe")), policies.toString());
        assertEquals(1, policies.size(), "ours, not Keycloak's login-page policy: " + policies);
        assertEquals(
                "nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        int traversal = http(AdminApi.BASE + "/realms/" + realm.getName() + "/sspr-dashboard/..%2F..%2Fpom.xml")
                .statusCode();
        assertTrue(traversal == 404 || traversal == 400, "status " + traversal);
        assertEquals(
                302,
                http(AdminApi.BASE + "/realms/" + realm.getName() + "/sspr-dashboard")
                        .statusCode());
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private String dashboardUrl() {
        return AdminApi.BASE + "/realms/" + realm.getName() + "/sspr-dashboard/";
    }

    /** The export names realm "demo" in the client's URLs; a managed realm of another name gets them adjusted. */
    private void matchClientToRealmName() {
        ClientRepresentation client =
                realm.admin().clients().findByClientId("sspr-dashboard").get(0);
        String path = "/realms/" + realm.getName() + "/sspr-dashboard/";
        if (!path.equals(client.getBaseUrl())) {
            client.setBaseUrl(path);
            client.setRedirectUris(List.of(path + "*"));
            realm.admin().clients().get(client.getId()).update(client);
        }
    }

    private static void waitReady(Chromium chromium) {
        // The page navigates during sign-in (the code comes back, the address is cleaned): an element found a moment
        // ago may be gone, so a stale reference means "look again", not a failure.
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready"))
                        || d.findElement(By.id("error")).isDisplayed());
        WebElement error = chromium.driver().findElement(By.id("error"));
        assertTrue(!error.isDisplayed(), "dashboard error: " + error.getText());
    }

    private static WebElement connectionCell(Chromium chromium, String directoryName) {
        return chromium.driver()
                .findElement(By.cssSelector(
                        "#directory-rows tr[data-directory='" + directoryName + "'] td[data-field='connection']"));
    }

    private static void until(Chromium chromium, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    private static JavascriptExecutor js(Chromium chromium) {
        return (JavascriptExecutor) chromium.driver();
    }

    /**
     * "Forgot password?" with a name typed in: the SSPR flow (which the demo realm binds) walks the decoy path and
     * leaves one abandoned row with the name as typed.
     */
    private void forgotPassword(String username) {
        new ResetClient(realm.getName()).openReset().identify(username, null);
    }

    private static String send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() < 400, response.statusCode() + ": " + response.body());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> http(String url) {
        try {
            return HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }
}
