package io.github.sspr.ldap;

/**
 * Why the directory refused or could not do something, each with the message key the user sees. The raw directory
 * code travels separately (in {@link DirectoryException#rawCode()}) into events and logs for admins.
 */
public enum DirectoryFailure {
    /** No server answered within the timeouts: nothing was written. */
    UNREACHABLE("ssprLdapUnreachable"),
    /** The new password is one of the last N (AD history, ppolicy pwdInHistory). */
    PASSWORD_IN_HISTORY("ssprLdapPasswordInHistory"),
    PASSWORD_TOO_SHORT("ssprLdapPasswordTooShort"),
    /** Minimum password age: changed too recently. */
    PASSWORD_TOO_YOUNG("ssprLdapPasswordTooYoung"),
    /** Complexity / quality check. */
    PASSWORD_QUALITY("ssprLdapPasswordQuality"),
    /** AD's 0000052D without more detail: one of length, complexity, history or minimum age. */
    PASSWORD_POLICY("ssprLdapPasswordPolicy"),
    /** The service account may not write this user's password. */
    ACCESS_DENIED("ssprLdapWriteDenied"),
    NO_SUCH_USER("ssprLdapNoSuchUser"),
    /** Active Directory writes passwords only over an encrypted connection. */
    TLS_REQUIRED("ssprLdapTlsRequired"),
    ACCOUNT_LOCKED("ssprLdapAccountLocked"),
    OTHER("ssprLdapWriteFailed");

    private final String messageKey;

    DirectoryFailure(String messageKey) {
        this.messageKey = messageKey;
    }

    /** The theme message key shown to the user. */
    public String messageKey() {
        return messageKey;
    }
}
