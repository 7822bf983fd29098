package io.github.sspr.ldap;

/** What a bind with the user's password told us. */
public enum BindOutcome {
    SUCCESS,
    /** Wrong password (or unknown DN): a definite no from a reachable directory. */
    INVALID_CREDENTIALS,
    /** Right password, but the account may not log in now (AD data 530/531/533/701/775). */
    ACCOUNT_UNUSABLE,
    /**
     * Right password, but the directory wants it changed first (AD data 773 "must change at next logon", 532
     * "expired"): the login goes on with Keycloak's update-password required action, as Keycloak's own AD mapper does.
     */
    MUST_CHANGE,
    /** No answer within the timeouts: the password could not be checked. */
    UNREACHABLE
}
