package io.github.sspr.sms;

/**
 * A typed failure to deliver a message. The {@link Reason} is what callers branch on (a user message, an event
 * detail); {@link #getMessage()} is for admins and never contains the message text or the full number.
 */
public class SmsSendException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a message was not delivered. */
    public enum Reason {
        /** The number is malformed, not reachable by this channel, or refused by the carrier. */
        INVALID_NUMBER(false),
        /** The destination's country is not allowed by the realm's policy. */
        COUNTRY_NOT_ALLOWED(false),
        /** The provider throttled us (HTTP 429 or a rate-limit error code). */
        RATE_LIMITED(true),
        /** The provider did not answer within the configured timeout. */
        TIMEOUT(true),
        /** The provider answered with a server error or could not be reached. */
        PROVIDER_UNAVAILABLE(true),
        /** The provider refused our credentials: an admin must fix the configuration. */
        AUTHENTICATION_FAILED(false),
        /** The sender is missing required configuration. */
        NOT_CONFIGURED(false),
        /** Any other refusal by the provider. */
        REJECTED(false);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Whether trying again later may succeed. */
        public boolean isTransient() {
            return transientFailure;
        }

        /** Lower-case form used in event details and JSON. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;
    private final String providerCode;

    public SmsSendException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public SmsSendException(Reason reason, String message, String providerCode, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.providerCode = providerCode;
    }

    public Reason getReason() {
        return reason;
    }

    /** The provider's own error code (e.g. Twilio's {@code 21211}), or {@code null}. */
    public String getProviderCode() {
        return providerCode;
    }
}
