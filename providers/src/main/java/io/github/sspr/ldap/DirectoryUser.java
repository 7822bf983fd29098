package io.github.sspr.ldap;

/**
 * A user entry as read from the directory (no password material). {@code disabled}: the directory switched the account
 * off (AD ACCOUNTDISABLE, OpenLDAP's permanent ppolicy lock); {@code locked}: a lockout after failed logins (AD
 * lockoutTime, OpenLDAP pwdAccountLockedTime), which a reset clears.
 */
public record DirectoryUser(
        String dn,
        String uuid,
        String username,
        String email,
        String firstName,
        String lastName,
        boolean disabled,
        boolean locked) {}
