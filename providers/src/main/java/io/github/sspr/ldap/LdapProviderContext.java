package io.github.sspr.ldap;

import org.keycloak.models.KeycloakSession;
import org.keycloak.storage.UserStorageProviderModel;

/**
 * What every part of one request's {@link SsprLdapStorageProvider} works with: the session, the component, its
 * configuration and the directory ({@code null} when the configuration is invalid).
 */
record LdapProviderContext(
        KeycloakSession session, UserStorageProviderModel model, LdapConfig config, LdapDirectory directory) {

    /** The component's name, for log lines. */
    String name() {
        return model.getName();
    }

    /** The directory; an invalid configuration counts as an unreachable directory. */
    LdapDirectory requireDirectory() throws DirectoryException {
        if (directory == null) {
            throw new DirectoryException(DirectoryFailure.UNREACHABLE, "config=invalid", null);
        }
        return directory;
    }
}
