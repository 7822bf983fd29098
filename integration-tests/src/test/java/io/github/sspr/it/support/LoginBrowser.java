package io.github.sspr.it.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * A browser without JavaScript (HtmlUnit) that signs in to the account console's client and fills Keycloak's HTML
 * forms, as a person with scripts off would: every step is a real form post. One instance is one browser (one cookie
 * jar, so one login session).
 */
public final class LoginBrowser implements AutoCloseable {

    private static final String VERIFIER = "sspr-it-verifier-" + "0123456789abcdef0123456789abcdef";

    private final HtmlUnitDriver driver = new HtmlUnitDriver(false);

    /** Opens the sign-in page of the account console; with {@code kcAction}, asks for that required action. */
    public LoginBrowser open(String realm, String kcAction) {
        driver.get(authUrl(realm, kcAction));
        return this;
    }

    /**
     * The account console's sign-in URL (with PKCE), asking for {@code kcAction} when not null; for any browser.
     */
    public static String authUrl(String realm, String kcAction) {
        return AdminApi.BASE + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=account-console"
                + "&response_type=code&scope=openid&state=" + UUID.randomUUID()
                + "&redirect_uri=" + enc(AdminApi.BASE + "/realms/" + realm + "/account/")
                + "&code_challenge_method=S256&code_challenge=" + challenge()
                + (kcAction == null ? "" : "&kc_action=" + enc(kcAction));
    }

    /** Opens any URL, e.g. a link from a mail. */
    public LoginBrowser openUrl(String url) {
        driver.get(url);
        return this;
    }

    /** Signs in with a password (the account console's sign-in form). */
    public LoginBrowser signIn(String realm, String username, String password, String kcAction) {
        open(realm, kcAction);
        type("username", username);
        type("password", password);
        driver.findElement(By.id("kc-login")).click();
        return this;
    }

    /**
     * Switches the page's language the way the language menu does: follows its {@code kc_locale=<tag>} link (the
     * menu needs JavaScript, the link does not).
     */
    public LoginBrowser language(String tag) {
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("\"([^\"]*[?&](?:amp;)?kc_locale=" + tag + ")\"")
                .matcher(html());
        if (!link.find()) {
            throw new IllegalStateException("the page offers no kc_locale=" + tag + " link");
        }
        driver.get(java.net
                .URI
                .create(url())
                .resolve(link.group(1).replace("&amp;", "&"))
                .toString());
        return this;
    }

    public LoginBrowser type(String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
        return this;
    }

    public LoginBrowser select(String id, String value) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(id))).selectByValue(value);
        return this;
    }

    public LoginBrowser click(String id) {
        driver.findElement(By.id(id)).click();
        return this;
    }

    public boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    /** An attribute of the element with {@code id} as the HTML has it, or {@code null}. */
    public String attribute(String id, String name) {
        return driver.findElement(By.id(id)).getDomAttribute(name);
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }

    /** The page's title (keycloak.v2's {@code #kc-page-title}), or "" when the page has none. */
    public String title() {
        List<WebElement> title = driver.findElements(By.id("kc-page-title"));
        return title.isEmpty() ? "" : title.get(0).getText().strip();
    }

    /** The error shown next to a field, or {@code null}. */
    public String fieldError(String field) {
        List<WebElement> error = driver.findElements(By.id("input-error-" + field));
        return error.isEmpty() ? null : error.get(0).getText().strip();
    }

    /** The page's alert (success, info, error), or "". */
    public String alert() {
        List<WebElement> alert = driver.findElements(By.cssSelector(".pf-v5-c-alert__title"));
        return alert.isEmpty() ? "" : alert.get(0).getText().strip();
    }

    public String html() {
        return driver.getPageSource();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** Whether the sign-in finished: the browser is back at the account console with an authorization code. */
    public boolean signedIn() {
        return url().contains("/account/") && url().contains("code=");
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String challenge() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
