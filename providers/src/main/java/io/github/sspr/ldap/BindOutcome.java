package io.github.sspr.ldap;

/** What a bind with the user's password told us. */
public enum BindOutcome {
    SUCCESS,
    /** Wrong password (or unknown DN): a definite no from a reachable directory. */
    INVALID_CREDENTIALS,
    /** Right password, but the account may not log in now (AD data 530/531/532/533/701/773/775). */
    ACCOUNT_UNUSABLE,
    /** No answer within the timeouts: the password could not be checked. */
    UNREACHABLE
}
