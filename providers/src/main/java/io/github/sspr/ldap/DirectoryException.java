package io.github.sspr.ldap;

import java.time.Instant;
import java.util.Optional;

/** A directory operation that failed, typed for users ({@link #failure()}) and raw for admins ({@link #rawCode()}). */
public final class DirectoryException extends Exception {

    private final DirectoryFailure failure;
    private final String rawCode;
    private final Instant retryAfter;

    public DirectoryException(DirectoryFailure failure, String rawCode, Throwable cause) {
        this(failure, rawCode, null, cause);
    }

    public DirectoryException(DirectoryFailure failure, String rawCode, Instant retryAfter, Throwable cause) {
        super(failure + " (" + rawCode + ")", cause);
        this.failure = failure;
        this.rawCode = rawCode;
        this.retryAfter = retryAfter;
    }

    /** For {@link DirectoryFailure#PASSWORD_TOO_YOUNG}: when the directory will take a new password. */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public DirectoryFailure failure() {
        return failure;
    }

    /** The directory's own code, e.g. {@code ldap=19 ad=0000052D} or {@code ppolicy=passwordInHistory}. */
    public String rawCode() {
        return rawCode;
    }
}
