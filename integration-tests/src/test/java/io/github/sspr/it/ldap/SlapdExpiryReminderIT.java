package io.github.sspr.it.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.DemoDirectory;
import io.github.sspr.it.support.ExpiryReminders;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.testing.Slapd;
import java.util.List;
import java.util.Map;
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
        ExpiryReminders reminders =
                new ExpiryReminders(new AdminApi(admin.tokenManager().getAccessTokenString()), realm.getName(), mail);
        try (PolicyFixture policy = PolicyFixture.apply(
                realm, Map.of("expiryReminderDays", List.of("14,7,1"), "requireRegistration", List.of("false")))) {
            // 10 days left: the 14-day reminder; a second run sends nothing more.
            reminders.run();
            reminders.await(ADDRESS, 1);
            reminders.run();

            // The directory's policy shortened to 7 days, then 1: one reminder each (a repeated run's would be here
            // before the next one's: it was scheduled first).
            maxAge(7 * 86_400);
            reminders.run();
            reminders.run();
            reminders.await(ADDRESS, 2);
            maxAge(86_400);
            reminders.run();
            List<String> mails = reminders.await(ADDRESS, 3);
            reminders.run();
            maxAge(3 * 86_400); // 3 days left: 7 was sent for this password, 1 is not due
            reminders.run();
            maxAge(86_400);
            reminders.run();
            assertEquals(3, reminders.to(ADDRESS).size(), String.join("\n---\n", reminders.to(ADDRESS)));

            ExpiryReminders.linkLandsOnTheChangePage(mails.get(2), "uma", PASSWORD);
        }
    }

    private static void maxAge(int seconds) throws Exception {
        try (LDAPConnection root = slapd.root()) {
            root.modify("dn: " + POLICY, "changetype: modify", "replace: pwdMaxAge", "pwdMaxAge: " + seconds);
        }
    }
}
