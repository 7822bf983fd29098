package io.github.sspr.ldap;

/** A user entry as read from the directory (no password material). */
public record DirectoryUser(
        String dn, String uuid, String username, String email, String firstName, String lastName, boolean disabled) {}
