package io.github.sspr.otp;

import java.util.Objects;

/**
 * The outcome of {@link OneTimeCodes#issue}: either a new code for the sender, or why none was made. The code is only
 * readable through {@link #code()} and never appears in {@link #toString()}, so it cannot leak into a log line.
 */
public final class IssueResult {

    /** Whether a code was issued. */
    public enum Status {
        /** A new code was made; any earlier code of the same purpose is now invalid. */
        ISSUED,
        /** The last code of this purpose was sent too recently; see {@link #retryAfterSeconds()}. */
        COOLDOWN,
        /** This flow has sent as many codes as it may; the user has to start over. */
        SEND_LIMIT
    }

    private final Status status;
    private final String code;
    private final long expiresAtMillis;
    private final long retryAfterSeconds;
    private final int sendsLeft;

    private IssueResult(Status status, String code, long expiresAtMillis, long retryAfterSeconds, int sendsLeft) {
        this.status = status;
        this.code = code;
        this.expiresAtMillis = expiresAtMillis;
        this.retryAfterSeconds = retryAfterSeconds;
        this.sendsLeft = sendsLeft;
    }

    static IssueResult issued(String code, long expiresAtMillis, int sendsLeft) {
        return new IssueResult(Status.ISSUED, Objects.requireNonNull(code), expiresAtMillis, 0, sendsLeft);
    }

    static IssueResult cooldown(long retryAfterSeconds, int sendsLeft) {
        return new IssueResult(Status.COOLDOWN, null, 0, retryAfterSeconds, sendsLeft);
    }

    static IssueResult sendLimit() {
        return new IssueResult(Status.SEND_LIMIT, null, 0, 0, 0);
    }

    public Status status() {
        return status;
    }

    public boolean isIssued() {
        return status == Status.ISSUED;
    }

    /**
     * The new code, to hand to the sender and then forget.
     *
     * @throws IllegalStateException when no code was issued
     */
    public String code() {
        if (code == null) {
            throw new IllegalStateException("no code was issued: " + status);
        }
        return code;
    }

    /** When the new code stops being valid (epoch millis on the core's clock); 0 when none was issued. */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    /** For {@link Status#COOLDOWN}: whole seconds until a new code may be sent (at least 1); otherwise 0. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** How many more codes this flow may send after this result. */
    public int sendsLeft() {
        return sendsLeft;
    }

    @Override
    public String toString() {
        return "IssueResult[" + status + (status == Status.COOLDOWN ? ", retryAfter=" + retryAfterSeconds + "s" : "")
                + ", sendsLeft=" + sendsLeft + "]";
    }
}
