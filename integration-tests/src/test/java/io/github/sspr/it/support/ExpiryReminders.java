package io.github.sspr.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.testframework.mail.MailServer;

/**
 * What the password-expiry reminder ITs share (docs/insight.md, "Password-expiry reminders"): running the task through
 * the admin REST call, the reminder mails to one address, and following a reminder's link to SSPR's change page.
 */
public final class ExpiryReminders {

    private static final Pattern CHANGE_LINK =
            Pattern.compile("(http://localhost:8080/realms/[^\\s\"<>]+kc_action=sspr-change-password)");

    private final AdminApi api;
    private final String realm;
    private final MailServer mail;

    public ExpiryReminders(AdminApi api, String realm, MailServer mail) {
        this.api = api;
        this.realm = realm;
        this.mail = mail;
    }

    /** Runs the reminder task now (as its schedule would), on the server's own thread. */
    public void run() {
        AdminApi.Response response = api.postJson("/admin/realms/" + realm + "/sspr/password-expiry/run", Map.of());
        assertEquals(200, response.status(), response.body());
    }

    /**
     * Waits up to 15 s for at least {@code count} reminders to {@code address} and returns them all. A repeated run's
     * reminder would be among them: the sends run in the order their runs committed.
     */
    public List<String> await(String address, int count) {
        long deadline = System.currentTimeMillis() + 15_000;
        List<String> mails = to(address);
        while (mails.size() < count && System.currentTimeMillis() < deadline) {
            mail.waitForIncomingEmail(1_000, mail.getReceivedMessages().length + 1);
            mails = to(address);
        }
        assertTrue(mails.size() >= count, "expected " + count + " reminders to " + address + ", got " + mails);
        return mails;
    }

    /**
     * The reminders sent to {@code address} so far, subject and text each (not the other notices, e.g. "an
     * administrator reset your password": a reminder is the mail with the change page's link).
     */
    public List<String> to(String address) {
        List<String> found = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                if (message.getAllRecipients() != null
                        && message.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                    String text = Mails.text(message);
                    if (text.contains("kc_action=sspr-change-password")) {
                        found.add(message.getSubject() + "\n" + text);
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** Follows the change link in {@code reminder}, signs in, and asserts that SSPR's change page comes next. */
    public static void linkLandsOnTheChangePage(String reminder, String username, String password) {
        Matcher link = CHANGE_LINK.matcher(reminder);
        assertTrue(link.find(), reminder);
        try (LoginBrowser browser = new LoginBrowser()) {
            browser.openUrl(link.group(1));
            browser.type("username", username);
            browser.type("password", password);
            browser.click("kc-login");
            assertTrue(browser.html().contains("template: sspr-change-password.ftl"), browser.html());
        }
    }
}
