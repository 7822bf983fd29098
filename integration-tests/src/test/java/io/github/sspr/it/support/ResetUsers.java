package io.github.sspr.it.support;

import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.util.JsonSerialization;

/** Users with registered recovery methods, created through the admin API the way a realm import stores them. */
public final class ResetUsers {

    public static final String PASSWORD = "Fresh-Passw0rd!";

    private ResetUsers() {}

    public record Created(String id, String username, String email, String recoveryEmail, String phone) {}

    /**
     * @param recoveryEmail a verified recovery email, or null
     * @param phone a verified recovery phone in E.164, or null
     */
    public static Created create(RealmResource realm, String prefix, boolean withEmail, String phone) {
        return create(realm, prefix, withEmail, phone, List.of());
    }

    /**
     * As {@link #create(RealmResource, String, boolean, String)}, with more credentials stored as given (e.g. {@link
     * #davesQuestions()}).
     */
    public static Created create(
            RealmResource realm, String prefix, boolean withEmail, String phone, List<CredentialRepresentation> extra) {
        return create(
                realm,
                prefix,
                new Recovery(withEmail ? name -> name + ".alt@elsewhere.test" : name -> null, phone, "US", 0),
                extra);
    }

    /**
     * A user's recovery data as stored, for cases the flows would refuse to register (a number libphonenumber deems
     * invalid, a recovery address equal to the account's, a confirmation long ago).
     *
     * @param email the recovery address, from the generated username; {@code null} for none
     * @param phone the recovery phone as stored (normally E.164), or null
     * @param region the phone's region as the registration stores it
     * @param confirmedAt when both were confirmed (epoch ms); 0 = now
     */
    public record Recovery(
            java.util.function.Function<String, String> email, String phone, String region, long confirmedAt) {}

    /** A user with the account email {@code <username>@demo.sspr.test} and {@code recovery}. */
    public static Created create(
            RealmResource realm, String prefix, Recovery recovery, List<CredentialRepresentation> extra) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String recoveryEmail = recovery.email().apply(username);
        String phone = recovery.phone();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@demo.sspr.test");
        user.setEmailVerified(true);
        user.setFirstName("Test");
        user.setLastName(prefix);
        List<CredentialRepresentation> credentials = new ArrayList<>();
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        credentials.add(password);
        long now = recovery.confirmedAt() == 0 ? System.currentTimeMillis() : recovery.confirmedAt();
        if (recoveryEmail != null) {
            String masked = recoveryEmail.charAt(0)
                    + "*".repeat(recoveryEmail.indexOf('@') - 1)
                    + recoveryEmail.substring(recoveryEmail.indexOf('@'));
            credentials.add(credential(
                    "sspr-recovery-email",
                    masked,
                    "{\"address\":\"" + recoveryEmail + "\"}",
                    "{\"version\":1,\"masked\":\"" + masked + "\",\"createdAt\":" + now + ",\"confirmedAt\":" + now
                            + "}"));
        }
        if (phone != null) {
            String digits = phone.substring(1);
            String masked = "+" + digits.substring(0, 2) + "*".repeat(Math.max(0, digits.length() - 4))
                    + digits.substring(Math.max(2, digits.length() - 2));
            credentials.add(credential(
                    "sspr-recovery-phone",
                    masked,
                    "{\"e164\":\"" + phone + "\"}",
                    "{\"version\":1,\"masked\":\"" + masked + "\",\"region\":\"" + recovery.region()
                            + "\",\"createdAt\":" + now + ",\"confirmedAt\":" + now + "}"));
        }
        credentials.addAll(extra);
        user.setCredentials(credentials);
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Cannot create " + username + ": " + response.getStatus());
            }
            String location = response.getLocation().getPath();
            return new Created(
                    location.substring(location.lastIndexOf('/') + 1), username, user.getEmail(), recoveryEmail, phone);
        }
    }

    /**
     * Dave's security-questions credential from the demo realm (answers in the README: Harbour Lights, Tobias, Lisbon;
     * 3 registered, 3 asked). The hashes cover the answers only, so another user can hold a copy.
     */
    public static CredentialRepresentation davesQuestions() {
        try (InputStream json = ResetUsers.class.getResourceAsStream("/realm-exports/demo-realm.json")) {
            RealmRepresentation demo = JsonSerialization.readValue(json, RealmRepresentation.class);
            CredentialRepresentation questions = demo.getUsers().stream()
                    .filter(u -> "dave".equals(u.getUsername()))
                    .flatMap(u -> u.getCredentials().stream())
                    .filter(c -> "sspr-security-questions".equals(c.getType()))
                    .findFirst()
                    .orElseThrow();
            questions.setId(null);
            return questions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A TOTP authenticator app as Keycloak stores one (credential type {@code otp}, the realm's default OTP policy:
     * HmacSHA1, 6 digits, 30 s), with {@code secret} as its raw key: the test computes codes from it with Keycloak's own
     * {@code TimeBasedOTP}.
     */
    public static CredentialRepresentation totp(String secret) {
        CredentialRepresentation c = credential(
                "otp",
                "Phone app",
                "{\"value\":\"" + secret + "\"}",
                "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        return c;
    }

    /**
     * Keycloak recovery codes as Keycloak stores them (credential type {@code recovery-authn-codes}): each code's
     * SHA-512, numbered from 1 in the order given; Keycloak asks for them in that order.
     */
    public static CredentialRepresentation recoveryCodes(List<String> codes) {
        StringBuilder hashed = new StringBuilder();
        for (int i = 0; i < codes.size(); i++) {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-512")
                        .digest(codes.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                hashed.append(i == 0 ? "" : ",")
                        .append("{\"number\":")
                        .append(i + 1)
                        .append(",\"encodedHashedValue\":\"")
                        .append(java.util.Base64.getEncoder().encodeToString(digest))
                        .append("\"}");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return credential(
                "recovery-authn-codes",
                null,
                "{\"codes\":[" + hashed + "]}",
                "{\"hashIterations\":null,\"algorithm\":\"SHA-512\",\"totalCodes\":" + codes.size()
                        + ",\"remainingCodes\":" + codes.size() + "}");
    }

    private static CredentialRepresentation credential(String type, String label, String secret, String data) {
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType(type);
        c.setUserLabel(label);
        c.setSecretData(secret);
        c.setCredentialData(data);
        c.setCreatedDate(System.currentTimeMillis());
        return c;
    }
}
