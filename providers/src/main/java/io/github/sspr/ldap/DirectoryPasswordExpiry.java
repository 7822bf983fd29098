package io.github.sspr.ldap;

import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.UserStorageProvider;

/**
 * The directory's password expiry of an {@code sspr-ldap} user (docs/insight.md, "Password-expiry reminders"), for the
 * reminder task: the user's component, its directory over the provider's pool, one base read of the user's entry.
 */
public final class DirectoryPasswordExpiry {

    private static final Logger LOG = Logger.getLogger(DirectoryPasswordExpiry.class);

    private DirectoryPasswordExpiry() {}

    /**
     * {@code [set at, expires at]} in epoch milliseconds for a user of an {@code sspr-ldap} provider, or empty (another
     * provider, a local user, no expiry, or the directory could not be read — then logged, never thrown).
     */
    public static Optional<long[]> of(KeycloakSession session, RealmModel realm, UserModel user) {
        String link = user.getFederationLink();
        if (link == null) {
            return Optional.empty();
        }
        ComponentModel model = realm.getComponent(link);
        if (model == null || !SsprLdapStorageProviderFactory.PROVIDER_ID.equals(model.getProviderId())) {
            return Optional.empty();
        }
        String dn = user.getFirstAttribute(SsprLdapStorageProvider.LDAP_ENTRY_DN);
        if (dn == null) {
            return Optional.empty();
        }
        SsprLdapStorageProviderFactory factory = (SsprLdapStorageProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(UserStorageProvider.class, SsprLdapStorageProviderFactory.PROVIDER_ID);
        try {
            LdapConfig config = LdapConfig.from(model);
            return factory.directory(session, model, config).passwordExpiry(dn);
        } catch (DirectoryException e) {
            LOG.debugf("SSPR: password expiry of a user of %s not read: %s", model.getName(), e.rawCode());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.debugf("SSPR: password expiry of a user of %s not read: %s", model.getName(), e.getClass());
            return Optional.empty();
        }
    }
}
