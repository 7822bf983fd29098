package io.github.sspr.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo accounts for the banner, read from the same files the demo loads (the LDIF and the realm export), so the
 * banner cannot drift from what Keycloak and the directory actually hold.
 */
final class DemoAccounts {

    /** One account a person can sign in with. */
    record Account(String username, String password, String source, String note) {}

    private DemoAccounts() {}

    static List<Account> read(Path ldif, Path realmExport) throws DemoException {
        List<Account> accounts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(ldif)) {
            accounts.addAll(fromLdif(in));
        } catch (IOException | LDIFException | LDAPException e) {
            throw new DemoException("Cannot read " + ldif + ": " + e.getMessage(), e);
        }
        try {
            accounts.addAll(fromRealm(new ObjectMapper().readTree(realmExport.toFile())));
        } catch (IOException e) {
            throw new DemoException("Cannot read " + realmExport + ": " + e.getMessage(), e);
        }
        return accounts;
    }

    /** People in the directory: entries with a uid and a clear-text demo password. */
    static List<Account> fromLdif(InputStream ldif) throws IOException, LDIFException, LDAPException {
        List<Account> accounts = new ArrayList<>();
        try (LDIFReader reader = new LDIFReader(ldif)) {
            Entry entry;
            while ((entry = reader.readEntry()) != null) {
                String uid = entry.getAttributeValue("uid");
                String password = entry.getAttributeValue("userPassword");
                if (uid != null && password != null) {
                    accounts.add(new Account(uid, password, "LDAP", ""));
                }
            }
        }
        return accounts;
    }

    /** Local users of the realm export with a password credential, and the admin roles they hold. */
    static List<Account> fromRealm(JsonNode realm) {
        List<Account> accounts = new ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            String password = null;
            for (JsonNode credential : user.path("credentials")) {
                if ("password".equals(credential.path("type").asText())) {
                    password = credential.path("value").asText(null);
                }
            }
            if (password == null) {
                continue;
            }
            List<String> roles = new ArrayList<>();
            user.path("clientRoles").path("realm-management").forEach(role -> roles.add(role.asText()));
            accounts.add(new Account(
                    user.path("username").asText(),
                    password,
                    "local",
                    roles.isEmpty() ? "" : "realm-management: " + String.join(", ", roles)));
        }
        return accounts;
    }
}
