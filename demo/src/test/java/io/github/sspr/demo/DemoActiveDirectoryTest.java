package io.github.sspr.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoActiveDirectoryTest {

    private static final Path LDIF = Path.of("..", "realm-exports", "demo-users.ldif");
    private static final Path REALM = Path.of("..", "realm-exports", "demo-realm.json");
    private static final Path DIR = Path.of("/r/.demo/samba");

    @Test
    void runsOnlyAsRootWithSambaAndOpensslInstalledAndNotSwitchedOff() {
        assertEquals(Optional.empty(), DemoActiveDirectory.unavailable(null, p -> true, true));
        assertEquals(Optional.of("SSPR_DEMO_AD=off"), DemoActiveDirectory.unavailable("off", p -> true, true));

        String notRoot = DemoActiveDirectory.unavailable(null, p -> true, false).orElseThrow();
        assertTrue(notRoot.contains("only as root"), notRoot);

        String missing = DemoActiveDirectory.unavailable(null, p -> !p.equals(DemoActiveDirectory.SAMBA_TOOL), true)
                .orElseThrow();
        assertTrue(missing.startsWith("Samba is not installed (no /usr/bin/samba-tool;"), missing);
        // A missing program is the first reason given: installing it is what a person can do about it.
        assertTrue(DemoActiveDirectory.unavailable(null, p -> false, false)
                .orElseThrow()
                .startsWith("Samba is not installed"));
    }

    @Test
    void provisionsTheDomainWithOnlyLdapOnTheFixedAddressAndItsOwnPidDirectory() {
        List<String> command = DemoAdSetup.provisionCommand(DIR);

        assertEquals(List.of("/usr/bin/samba-tool", "domain", "provision"), command.subList(0, 3));
        assertTrue(command.contains("--targetdir=/r/.demo/samba/dc"), command.toString());
        assertTrue(command.contains("--realm=SSPR.TEST"), command.toString());
        assertTrue(command.contains("--option=interfaces=127.0.0.77/8"), command.toString());
        assertTrue(command.contains("--option=bind interfaces only=yes"), command.toString());
        assertTrue(command.contains("--option=server services=ldap"), command.toString());
        assertTrue(command.contains("--option=tls certfile=/r/.demo/samba/tls/cert.pem"), command.toString());
        assertTrue(command.contains("--option=tls keyfile=/r/.demo/samba/tls/key.pem"), command.toString());
        assertTrue(command.contains("--option=pid directory=/r/.demo/samba"), command.toString());
    }

    @Test
    void theCertificateNamesTheAddressKeycloakConnectsTo() {
        List<String> command = DemoAdSetup.certificateCommand(DIR);

        assertTrue(command.contains("subjectAltName=IP:127.0.0.77,DNS:dc1.sspr.test"), command.toString());
        assertEquals("/r/.demo/samba/tls/cert.pem", command.get(command.indexOf("-out") + 1));
        assertEquals("ldaps://127.0.0.77:636", DemoActiveDirectory.ldapsUrl());
    }

    @Test
    void theServerRunsInTheForegroundOnTheProvisionedConfiguration() {
        List<String> command = DemoAdSetup.serverCommand(DIR);

        assertEquals("/usr/sbin/samba", command.get(0));
        assertTrue(command.contains("--interactive"), command.toString());
        assertTrue(command.contains("--model=single"), command.toString());
        assertTrue(command.contains("--configfile=/r/.demo/samba/dc/etc/smb.conf"), command.toString());
        assertEquals(
                List.of(
                        "/usr/bin/samba-tool",
                        "dsacl",
                        "get",
                        "-H",
                        "/r/.demo/samba/dc/private/sam.ldb",
                        "--configfile=/r/.demo/samba/dc/etc/smb.conf"),
                DemoAdSetup.toolCommand(DIR, "dsacl", "get"));
    }

    @Test
    void theComponentIsSsprLdapInAdModeOverLdapsWithTheTrustStore() {
        JsonNode component =
                DemoAdSetup.component(new ObjectMapper(), "realm-id-1", Path.of("/r/.demo/samba/tls/truststore.p12"));

        assertEquals("corp-ad (Samba)", component.path("name").asText());
        assertEquals("sspr-ldap", component.path("providerId").asText());
        assertEquals(
                "org.keycloak.storage.UserStorageProvider",
                component.path("providerType").asText());
        assertEquals("realm-id-1", component.path("parentId").asText());
        JsonNode config = component.path("config");
        Map<String, String> expected = Map.ofEntries(
                Map.entry("vendor", "ad"),
                Map.entry("connectionUrls", "ldaps://127.0.0.77:636"),
                Map.entry("tlsMode", "ldaps"),
                Map.entry("trustStorePath", "/r/.demo/samba/tls/truststore.p12"),
                Map.entry("trustStorePassword", DemoActiveDirectory.TRUST_STORE_PASSWORD),
                Map.entry("bindDn", "CN=svc-keycloak,OU=People,DC=sspr,DC=test"),
                Map.entry("bindCredential", DemoActiveDirectory.SERVICE_PASSWORD),
                Map.entry("usersDn", "OU=People,DC=sspr,DC=test"),
                Map.entry("importEnabled", "true"),
                Map.entry("unlockOnReset", "true"),
                Map.entry("priority", "1"));
        expected.forEach((key, value) -> {
            // Keycloak's component config is a map of lists.
            assertTrue(config.path(key).isArray(), key);
            assertEquals(1, config.path(key).size(), key);
            assertEquals(value, config.path(key).get(0).asText(), key);
        });
    }

    @Test
    void theDomainsPeopleAreNewNamesWithPasswordsBothPoliciesAccept() throws Exception {
        Set<String> taken = DemoAccounts.read(LDIF, REALM).stream()
                .map(DemoAccounts.Account::username)
                .collect(Collectors.toSet());
        assertFalse(DemoActiveDirectory.USERS.isEmpty());
        for (DemoActiveDirectory.User user : DemoActiveDirectory.USERS) {
            String password = user.password();
            assertFalse(taken.contains(user.account()), user.account() + " is already a demo account");
            // The demo realm: length(10), upperCase(1), digits(1), notUsername(), notEmail().
            assertTrue(password.length() >= 10, password);
            assertTrue(password.chars().anyMatch(Character::isUpperCase), password);
            assertTrue(password.chars().anyMatch(Character::isDigit), password);
            assertFalse(password.equalsIgnoreCase(user.account()), password);
            assertFalse(password.equalsIgnoreCase(user.mail()), password);
            // AD's complexity: three of upper, lower, digit, other; no part of the account name.
            long kinds = List.<java.util.function.IntPredicate>of(
                            Character::isUpperCase,
                            Character::isLowerCase,
                            Character::isDigit,
                            c -> !Character.isLetterOrDigit(c))
                    .stream()
                    .filter(kind -> password.chars().anyMatch(kind))
                    .count();
            assertTrue(kinds >= 3, password);
            assertFalse(password.toLowerCase(Locale.ROOT).contains(user.account()), password);
            assertEquals(user.account() + "@sspr.test", user.principalName());
            assertEquals("CN=" + user.account() + ",OU=People,DC=sspr,DC=test", user.dn());
        }
    }

    @Test
    void unicodePwdIsTheQuotedPasswordInUtf16LittleEndian() {
        assertArrayEquals(new byte[] {'"', 0, 'A', 0, '1', 0, '"', 0}, DemoActiveDirectory.unicodePwd("A1"));
    }

    @Test
    void theComponentIdIsTheLastSegmentOfTheLocation() {
        assertEquals(
                "9f1c-22", KeycloakAdmin.lastSegment("http://localhost:8080/admin/realms/demo/components/9f1c-22"));
        assertEquals("abc", KeycloakAdmin.lastSegment("http://localhost:8080/admin/realms/demo/components/abc/"));
    }
}
