package io.github.sspr.it.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.LoginBrowser;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.testing.Slapd;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Password-expiry reminders for an {@code sspr-ldap} user of a real {@code slapd} (docs/insight.md): the expiry is the
 * directory's ({@code pwdChangedTime} plus the default ppolicy's {@code pwdMaxAge}, here 10, then 7, then 1 day), each
 * threshold of {@code 14,7,1} is mailed once however often the task runs, and the mail's link lands on SSPR's change
 * page.
 */
@ExtendWith(DemoDirectory.class)
@KeycloakIntegrationTest(config = SsprServerConfig.class)
public class SlapdExpiryReminderIT {

    static final String PEOPLE = Slapd.PEOPLE;
    static final String POLICY = "cn=default,ou=policies," + Slapd.SUFFIX;
    static final String SERVICE_SECRET = "Slapd-Expiry-S3rvice";
    static final String PASSWORD = "Uma-First-Passw0rd";
    static final String ADDRESS = "uma@slapd.sspr.test";
    static final Pattern CHANGE_LINK =
            Pattern.compile("(http://localhost:8080/realms/[^\\s\"<>]+kc_action=sspr-change-password)");

    /** Every password this class sends through the server, for {@code ServerLogIT}. */
    public static final List<String> SECRETS = List.of(SERVICE_SECRET, PASSWORD);

    static Slapd slapd;

    @InjectAdminClient
    Keycloak admin;

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @BeforeAll
    static void startSlapd() throws Exception {
        assumeTrue(Slapd.available(), "Debian slapd is not installed");
        slapd = Slapd.startDirectory(SERVICE_SECRET, "pwdMaxAge: 864000");
        try (LDAPConnection root = slapd.root()) {
            root.add(
                    "dn: uid=uma," + PEOPLE,
                    "objectClass: inetOrgPerson",
                    "uid: uma",
                    "cn: Uma Expiry",
                    "givenName: Uma",
                    "sn: Expiry",
                    "mail: " + ADDRESS,
                    "userPassword: " + PASSWORD);
        }
    }

    @AfterAll
    static void stopSlapd() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    @Test
    void eachThresholdOfTheDirectorysExpiryIsMailedOnceAndTheLinkLandsOnTheChangePage() throws Exception {
        LdapIts.vault(realm.getName(), "sspr-slapd-expiry", SERVICE_SECRET);
        String componentId = LdapIts.addComponent(
                realm,
                "slapd-expiry",
                Map.of(
                        "vendor", "openldap",
                        "connectionUrls", "ldap://127.0.0.1:" + slapd.port(),
                        "tlsMode", "none",
                        "bindDn", Slapd.SERVICE,
                        "bindCredential", "${vault.sspr-slapd-expiry}",
                        "usersDn", PEOPLE,
                        "importEnabled", "true",
                        "trustEmail", "true",
                        "ppolicyDn", POLICY));
        realm.admin().userStorage().syncUsers(componentId, "triggerFullSync");
        AdminApi api = new AdminApi(admin.tokenManager().getAccessTokenString());
        String run = "/admin/realms/" + realm.getName() + "/sspr/password-expiry/run";
        try (PolicyFixture policy = PolicyFixture.apply(
                realm, Map.of("expiryReminderDays", List.of("14,7,1"), "requireRegistration", List.of("false")))) {
            // 10 days left: the 14-day reminder; a second run sends nothing more.
            assertEquals(200, api.postJson(run, Map.of()).status());
            awaitMails(1);
            assertEquals(200, api.postJson(run, Map.of()).status());

            // The directory's policy shortened to 7 days, then 1: one reminder each (a repeated run's would be here
            // before the next one's: it was scheduled first).
            maxAge(7 * 86_400);
            assertEquals(200, api.postJson(run, Map.of()).status());
            assertEquals(200, api.postJson(run, Map.of()).status());
            awaitMails(2);
            maxAge(86_400);
            assertEquals(200, api.postJson(run, Map.of()).status());
            List<String> mails = awaitMails(3);
            assertEquals(200, api.postJson(run, Map.of()).status());
            maxAge(3 * 86_400); // 3 days left: 7 was sent for this password, 1 is not due
            assertEquals(200, api.postJson(run, Map.of()).status());
            maxAge(86_400);
            assertEquals(200, api.postJson(run, Map.of()).status());
            assertEquals(3, mailsTo().size(), String.join("\n---\n", mailsTo()));

            Matcher link = CHANGE_LINK.matcher(mails.get(2));
            assertTrue(link.find(), mails.get(2));
            try (LoginBrowser browser = new LoginBrowser()) {
                browser.openUrl(link.group(1));
                browser.type("username", "uma");
                browser.type("password", PASSWORD);
                browser.click("kc-login");
                assertTrue(browser.html().contains("template: sspr-change-password.ftl"), browser.html());
            }
        }
    }

    private static void maxAge(int seconds) throws Exception {
        try (LDAPConnection root = slapd.root()) {
            root.modify("dn: " + POLICY, "changetype: modify", "replace: pwdMaxAge", "pwdMaxAge: " + seconds);
        }
    }

    private List<String> awaitMails(int count) {
        long deadline = System.currentTimeMillis() + 15_000;
        List<String> mails = mailsTo();
        while (mails.size() < count && System.currentTimeMillis() < deadline) {
            mail.waitForIncomingEmail(1_000, mail.getReceivedMessages().length + 1);
            mails = mailsTo();
        }
        assertTrue(mails.size() >= count, "expected " + count + " reminders, got " + mails);
        return mails;
    }

    private List<String> mailsTo() {
        List<String> found = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                if (message.getAllRecipients() != null
                        && message.getAllRecipients()[0].toString().equalsIgnoreCase(ADDRESS)) {
                    found.add(message.getSubject() + "\n" + Mails.text(message));
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }
}
