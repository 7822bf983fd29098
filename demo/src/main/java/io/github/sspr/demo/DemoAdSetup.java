package io.github.sspr.demo;

import static io.github.sspr.demo.DemoActiveDirectory.ADDRESS;
import static io.github.sspr.demo.DemoActiveDirectory.ADMINISTRATOR_PASSWORD;
import static io.github.sspr.demo.DemoActiveDirectory.COMPONENT_NAME;
import static io.github.sspr.demo.DemoActiveDirectory.DOMAIN;
import static io.github.sspr.demo.DemoActiveDirectory.NETBIOS_NAME;
import static io.github.sspr.demo.DemoActiveDirectory.OPENSSL;
import static io.github.sspr.demo.DemoActiveDirectory.PEOPLE_DN;
import static io.github.sspr.demo.DemoActiveDirectory.SAMBA;
import static io.github.sspr.demo.DemoActiveDirectory.SAMBA_TOOL;
import static io.github.sspr.demo.DemoActiveDirectory.SERVICE_DN;
import static io.github.sspr.demo.DemoActiveDirectory.SERVICE_PASSWORD;
import static io.github.sspr.demo.DemoActiveDirectory.TRUST_STORE_PASSWORD;
import static io.github.sspr.demo.DemoActiveDirectory.ldapsUrl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@link DemoActiveDirectory} runs and registers, as data: the command lines that make the certificate, provision
 * the domain, start the server and change the database, and the realm's {@code sspr-ldap} component for the domain.
 */
final class DemoAdSetup {

    private DemoAdSetup() {}

    /** {@code samba-tool domain provision} for the demo domain under {@code dir}, LDAP service only. */
    static List<String> provisionCommand(Path dir) {
        return command(
                SAMBA_TOOL,
                "domain",
                "provision",
                "--targetdir=" + dir.resolve("dc"),
                "--realm=" + DOMAIN,
                "--domain=" + NETBIOS_NAME,
                "--server-role=dc",
                "--dns-backend=NONE",
                "--host-name=dc1",
                "--adminpass=" + ADMINISTRATOR_PASSWORD,
                "--option=interfaces=" + ADDRESS + "/8",
                "--option=bind interfaces only=yes",
                "--option=server services=ldap",
                "--option=tls enabled=yes",
                "--option=tls certfile=" + tlsFile(dir, "cert.pem"),
                "--option=tls keyfile=" + tlsFile(dir, "key.pem"),
                "--option=tls cafile=",
                "--option=log file=" + dir.resolve("samba.log.%m"),
                // Its pid file beside the domain: another samba on this machine (the tests') keeps its own.
                "--option=pid directory=" + dir);
    }

    /** {@code openssl req} for a two-day self-signed certificate naming the address (host-name checks pass). */
    static List<String> certificateCommand(Path dir) {
        return command(
                OPENSSL,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=dc1.sspr.test",
                "-addext",
                "subjectAltName=IP:" + ADDRESS + ",DNS:dc1.sspr.test",
                "-keyout",
                tlsFile(dir, "key.pem").toString(),
                "-out",
                tlsFile(dir, "cert.pem").toString());
    }

    /** The foreground server: one process, debug output to a log file. */
    static List<String> serverCommand(Path dir) {
        return command(
                SAMBA,
                "--interactive",
                "--model=single",
                "--debug-stdout",
                "--debuglevel=1",
                "--configfile=" + dir.resolve("dc/etc/smb.conf"));
    }

    /**
     * The {@code sspr-ldap} component for the realm with id {@code realmId}, in AD mode over LDAPS. Secrets are plain
     * values here (a demo); a real deployment puts them in Keycloak's vault.
     */
    static ObjectNode component(ObjectMapper json, String realmId, Path trustStore) {
        ObjectNode component = json.createObjectNode();
        component.put("name", COMPONENT_NAME);
        component.put("providerId", "sspr-ldap");
        component.put("providerType", "org.keycloak.storage.UserStorageProvider");
        component.put("parentId", realmId);
        ObjectNode config = component.putObject("config");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("enabled", "true");
        // After the demo directory (priority 0): a name is looked up there first.
        values.put("priority", "1");
        values.put("vendor", "ad");
        values.put("connectionUrls", ldapsUrl());
        values.put("tlsMode", "ldaps");
        values.put("trustStorePath", trustStore.toAbsolutePath().toString());
        values.put("trustStorePassword", TRUST_STORE_PASSWORD);
        values.put("bindDn", SERVICE_DN);
        values.put("bindCredential", SERVICE_PASSWORD);
        values.put("usersDn", PEOPLE_DN);
        values.put("importEnabled", "true");
        values.put("passwordHashSync", "true");
        values.put("unlockOnReset", "true");
        values.put("trustEmail", "true");
        values.put("connectTimeoutMillis", "2000");
        values.forEach((key, value) -> config.putArray(key).add(value));
        return component;
    }

    /** {@code samba-tool} on this domain's database, beside the running server. */
    static List<String> toolCommand(Path dir, String... args) {
        List<String> database = List.of(
                "-H", dir.resolve("dc/private/sam.ldb").toString(), "--configfile=" + dir.resolve("dc/etc/smb.conf"));
        return command(
                SAMBA_TOOL, Stream.concat(Stream.of(args), database.stream()).toArray(String[]::new));
    }

    /** A file of the domain controller's certificate and key, under {@code dir/tls}. */
    private static Path tlsFile(Path dir, String name) {
        return dir.resolve("tls").resolve(name);
    }

    /** {@code program} with {@code args}: a command line for {@link ProcessBuilder}. */
    private static List<String> command(Path program, String... args) {
        return Stream.concat(Stream.of(program.toString()), Stream.of(args)).toList();
    }
}
