package io.github.sspr.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys in a real browser ceremony: a virtual authenticator in Chromium (the DevTools WebAuthn domain, through
 * Selenium's {@link HasVirtualAuthenticator}), and enrolment through Keycloak's own WebAuthn Register required action.
 * Nothing here makes or checks a WebAuthn message itself: Chromium's authenticator signs, Keycloak verifies.
 */
public final class Passkeys {

    /** Keycloak's WebAuthn Register required action (a security key or passkey as second factor). */
    public static final String REGISTER = "webauthn-register";
    /** Keycloak's WebAuthn Register Passwordless required action (a discoverable passkey). */
    public static final String REGISTER_PASSWORDLESS = "webauthn-register-passwordless";

    private Passkeys() {}

    /**
     * Attaches a platform-like authenticator to the browser: CTAP2 over an internal transport, resident keys, user
     * verification that always succeeds, presence simulated (no one needs to touch it). Every ceremony of the page then
     * uses it.
     */
    public static VirtualAuthenticator attach(Chromium chromium) {
        VirtualAuthenticatorOptions options = new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true);
        return ((HasVirtualAuthenticator) chromium.driver()).addVirtualAuthenticator(options);
    }

    /** Asks Keycloak to run {@code action} ({@link #REGISTER} or {@link #REGISTER_PASSWORDLESS}) at the next sign-in. */
    public static void requireEnrolment(RealmResource realm, String userId, String action) {
        UserRepresentation user = realm.users().get(userId).toRepresentation();
        List<String> actions =
                new ArrayList<>(user.getRequiredActions() == null ? List.of() : user.getRequiredActions());
        actions.add(action);
        user.setRequiredActions(actions);
        realm.users().get(userId).update(user);
    }

    /**
     * On Keycloak's WebAuthn Register page: presses its button, so that Keycloak's own webauthnRegister.js creates the
     * credential on the attached authenticator and posts it. The label prompt the script shows is answered with {@code
     * label} (a headless browser cannot type into a prompt).
     */
    public static void enrolOnPage(Chromium chromium, String label) {
        chromium.waitFor(By.id("registerWebAuthn"));
        ((JavascriptExecutor) chromium.driver())
                .executeScript("window.prompt = function () { return '" + label.replace("'", "") + "'; };");
        chromium.driver().findElement(By.id("registerWebAuthn")).click();
    }

    /**
     * Signs {@code username} in (in {@code language}) with {@code password} and enrols a passkey labelled {@code label}
     * on Keycloak's own WebAuthn Register page, which {@link #requireEnrolment} queued; returns once Keycloak stored it
     * and the browser left the login actions. Screenshots "keycloak-webauthn-register" and "enrolled".
     */
    public static void enrolAtSignIn(
            Chromium chromium,
            RealmResource realm,
            String realmName,
            String userId,
            String username,
            String password,
            String language,
            String label) {
        WebDriver driver = chromium.driver();
        chromium.open(LoginBrowser.authUrl(realmName, null) + "&ui_locales=" + language);
        chromium.waitFor(By.id("kc-login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        chromium.waitFor(By.id("registerWebAuthn"));
        chromium.shot("keycloak-webauthn-register");
        enrolOnPage(chromium, label);
        awaitCredential(realm, userId, "webauthn");
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> !d.getCurrentUrl().contains("login-actions"));
        chromium.shot("enrolled");
    }

    /** Waits (up to 20 s) until the user holds a credential of Keycloak type {@code type}; returns it. */
    public static CredentialRepresentation awaitCredential(RealmResource realm, String userId, String type) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            for (CredentialRepresentation c : realm.users().get(userId).credentials()) {
                if (type.equals(c.getType())) {
                    return c;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + type + " credential for user " + userId + " within 20 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L); // a poll interval, under the deadline
        }
    }

    /**
     * A WebAuthn credential as Keycloak stores one (type {@code webauthn}), for users who need to hold a passkey but
     * never sign with it: the id is {@code id}, the public key a fresh P-256 key (COSE, as an authenticator reports it)
     * whose private half is thrown away.
     */
    public static CredentialRepresentation stored(byte[] id) {
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType("webauthn");
        c.setUserLabel("Stored test key");
        c.setSecretData("{}");
        c.setCredentialData("{\"aaguid\":\"00000000-0000-0000-0000-000000000000\",\"credentialId\":\""
                + java.util.Base64.getEncoder().encodeToString(id)
                + "\",\"counter\":0,\"credentialPublicKey\":\""
                // as Keycloak's CredentialPublicKeyConverter writes it: CBOR, Base64url
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(coseP256())
                + "\",\"attestationStatementFormat\":\"none\",\"transports\":[\"internal\"]}");
        c.setCreatedDate(System.currentTimeMillis());
        return c;
    }

    /** A COSE_Key map {kty: EC2, alg: ES256, crv: P-256, x, y} of a new key pair. */
    private static byte[] coseP256() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            java.security.interfaces.ECPublicKey key = (java.security.interfaces.ECPublicKey)
                    generator.generateKeyPair().getPublic();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.writeBytes(new byte[] {(byte) 0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20});
            out.writeBytes(fixed(key.getW().getAffineX()));
            out.writeBytes(new byte[] {0x22, 0x58, 0x20});
            out.writeBytes(fixed(key.getW().getAffineY()));
            return out.toByteArray();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] fixed(java.math.BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    /** How many credentials the authenticator holds (each enrolment adds one). */
    public static int held(VirtualAuthenticator authenticator) {
        return authenticator.getCredentials().size();
    }
}
