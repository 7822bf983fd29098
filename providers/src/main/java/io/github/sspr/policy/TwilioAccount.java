package io.github.sspr.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A realm's own Twilio account and sender, as the realm's policy names them (docs/sms.md, "One Twilio account per
 * realm"); every part {@code null} when the realm uses the server's. The auth token is never here: only a reference to
 * it in Keycloak's vault, {@code ${vault.<key>}}, resolved in the realm when a message is sent.
 *
 * @param accountSid the account ({@code AC…}), or {@code null} for the server's account
 * @param authTokenRef {@code ${vault.<key>}} naming the account's auth token in the realm's vault, with {@code accountSid}
 * @param fromNumber the sender number (E.164), or {@code null} for the server's
 * @param messagingServiceSid the messaging service for SMS ({@code MG…}), or {@code null} for the server's
 */
public record TwilioAccount(String accountSid, String authTokenRef, String fromNumber, String messagingServiceSid) {

    /** The server's account and sender. */
    public static final TwilioAccount SERVER = new TwilioAccount(null, null, null, null);

    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final Pattern VAULT_REFERENCE = Pattern.compile("\\$\\{vault\\.([A-Za-z0-9_.-]{1,200})}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /** Whether the realm sends through an account of its own (else through the server's, maybe with its own sender). */
    public boolean ownAccount() {
        return accountSid != null;
    }

    /** Whether the realm names its own sender (number or messaging service) instead of the server's. */
    public boolean ownSender() {
        return fromNumber != null || messagingServiceSid != null;
    }

    /**
     * Whether every part that is set has its form, and an own account comes with its token and a sender (else the
     * realm sends as the server does).
     */
    boolean usable() {
        return ownAccount() == (authTokenRef != null)
                && (!ownAccount() || ownSender())
                && (accountSid == null || isAccountSid(accountSid))
                && (authTokenRef == null || isVaultReference(authTokenRef))
                && (fromNumber == null || isE164(fromNumber))
                && (messagingServiceSid == null || isMessagingServiceSid(messagingServiceSid));
    }

    /** The vault key inside {@link #authTokenRef()} ({@code twilio-token} of {@code ${vault.twilio-token}}). */
    public String authTokenVaultKey() {
        if (authTokenRef == null) {
            return null;
        }
        Matcher m = VAULT_REFERENCE.matcher(authTokenRef);
        return m.matches() ? m.group(1) : null;
    }

    /** The declarations' setters ({@link SsprPolicyConfig#SETTINGS}): one part of the builder's account changed. */
    static void setAccountSid(SsprPolicyBuilder b, String value) {
        b.twilio = new TwilioAccount(value, b.twilio.authTokenRef, b.twilio.fromNumber, b.twilio.messagingServiceSid);
    }

    static void setAuthTokenRef(SsprPolicyBuilder b, String value) {
        b.twilio = new TwilioAccount(b.twilio.accountSid, value, b.twilio.fromNumber, b.twilio.messagingServiceSid);
    }

    static void setFromNumber(SsprPolicyBuilder b, String value) {
        b.twilio = new TwilioAccount(b.twilio.accountSid, b.twilio.authTokenRef, value, b.twilio.messagingServiceSid);
    }

    static void setMessagingServiceSid(SsprPolicyBuilder b, String value) {
        b.twilio = new TwilioAccount(b.twilio.accountSid, b.twilio.authTokenRef, b.twilio.fromNumber, value);
    }

    static boolean isAccountSid(String text) {
        return ACCOUNT_SID.matcher(text).matches();
    }

    static boolean isMessagingServiceSid(String text) {
        return MESSAGING_SERVICE_SID.matcher(text).matches();
    }

    static boolean isVaultReference(String text) {
        return VAULT_REFERENCE.matcher(text).matches();
    }

    static boolean isE164(String text) {
        return E164.matcher(text).matches();
    }

    @Override
    public String toString() {
        return "TwilioAccount[accountSid=" + accountSid + ", authTokenRef=" + authTokenRef + ", fromNumber="
                + fromNumber + ", messagingServiceSid=" + messagingServiceSid + "]";
    }
}
