package io.github.sspr.ldap;

/** A directory operation that failed, typed for users ({@link #failure()}) and raw for admins ({@link #rawCode()}). */
public final class DirectoryException extends Exception {

    private final DirectoryFailure failure;
    private final String rawCode;

    public DirectoryException(DirectoryFailure failure, String rawCode, Throwable cause) {
        super(failure + " (" + rawCode + ")", cause);
        this.failure = failure;
        this.rawCode = rawCode;
    }

    public DirectoryFailure failure() {
        return failure;
    }

    /** The directory's own code, e.g. {@code ldap=19 ad=0000052D} or {@code ppolicy=passwordInHistory}. */
    public String rawCode() {
        return rawCode;
    }
}
