package io.github.sspr.ldap;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.storage.UserStorageProviderFactory;
import org.keycloak.storage.UserStorageProviderModel;
import org.keycloak.storage.user.ImportSynchronization;
import org.keycloak.storage.user.SynchronizationResult;
import org.keycloak.vault.VaultStringSecret;

/**
 * {@code sspr-ldap}: user federation over the UnboundID LDAP SDK with password writeback. The factory owns one
 * connection pool per component (keyed by component id, replaced when the connection settings change, closed when the
 * component is updated or removed and when Keycloak stops); providers are per request and only borrow it.
 */
public class SsprLdapStorageProviderFactory
        implements UserStorageProviderFactory<SsprLdapStorageProvider>, ImportSynchronization {

    public static final String PROVIDER_ID = "sspr-ldap";

    private static final Logger LOG = Logger.getLogger(SsprLdapStorageProviderFactory.class);

    private final Map<String, Pooled> pools = new ConcurrentHashMap<>();

    private record Pooled(String fingerprint, LDAPConnectionPool pool, DirectoryCapabilities capabilities) {}

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "LDAP / Active Directory with password writeback and password hash sync (Keycloak SSPR)";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return LdapConfigProperties.all();
    }

    @Override
    public SsprLdapStorageProvider create(KeycloakSession session, ComponentModel model) {
        LdapConfig config = LdapConfig.from(model);
        LdapDirectory directory = null;
        if (config.problems().isEmpty()) {
            try {
                directory = directory(session, model, config);
            } catch (IllegalStateException e) {
                LOG.warnf("sspr-ldap %s: %s", model.getName(), e.getMessage());
            }
        } else {
            // Saved configurations are validated; this is an imported realm with a broken one. Behave as "directory
            // unreachable" (hash-sync logins, no writes) instead of failing every request of the realm.
            LOG.warnf("sspr-ldap %s: invalid configuration: %s", model.getName(), config.problems());
        }
        return new SsprLdapStorageProvider(session, new UserStorageProviderModel(model), config, directory, this);
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        List<String> problems = LdapConfig.from(model).problems();
        if (!problems.isEmpty()) {
            throw new ComponentValidationException(String.join("; ", problems));
        }
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        closePool(newModel.getId());
    }

    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
        closePool(model.getId());
        WritebackHealthStore.forget(session, model.getId());
    }

    @Override
    public void close() {
        pools.keySet().forEach(this::closePool);
    }

    /** The directory of a component, over its pool; the pool is (re)built when the connection settings changed. */
    public LdapDirectory directory(KeycloakSession session, ComponentModel model, LdapConfig config) {
        String fingerprint = fingerprint(model);
        Pooled pooled = pools.compute(model.getId(), (id, existing) -> {
            if (existing != null && existing.fingerprint().equals(fingerprint)) {
                return existing;
            }
            if (existing != null) {
                existing.pool().close();
            }
            return new Pooled(fingerprint, openPool(session, config), new DirectoryCapabilities(model.getName()));
        });
        return new LdapDirectory(pooled.pool(), config, pooled.capabilities());
    }

    private static LDAPConnectionPool openPool(KeycloakSession session, LdapConfig config) {
        try {
            return LdapConnections.open(
                    config, resolve(session, config.bindCredential()), resolve(session, config.trustStorePassword()));
        } catch (Exception e) {
            // The configuration was validated on save; what is left is e.g. an unreadable trust store.
            throw new IllegalStateException("Cannot set up the LDAP connection pool: " + e.getMessage(), e);
        }
    }

    /** A {@code ${vault.key}} reference resolved through Keycloak's vault; a literal value as it is. */
    private static String resolve(KeycloakSession session, String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(raw)) {
            return secret.get().orElse(raw);
        }
    }

    /** Only our connection settings: Keycloak's own keys (lastSync …) change without touching the connection. */
    private static String fingerprint(ComponentModel model) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ProviderConfigProperty property : LdapConfigProperties.all()) {
                String value = model.get(property.getName());
                digest.update((property.getName() + "=" + (value == null ? "" : value) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void closePool(String componentId) {
        Pooled removed = pools.remove(componentId);
        if (removed != null) {
            removed.pool().close();
        }
    }

    @Override
    public SynchronizationResult sync(
            KeycloakSessionFactory sessionFactory, String realmId, UserStorageProviderModel model) {
        return syncUsers(sessionFactory, realmId, model, null);
    }

    @Override
    public SynchronizationResult syncSince(
            Date lastSync, KeycloakSessionFactory sessionFactory, String realmId, UserStorageProviderModel model) {
        return syncUsers(sessionFactory, realmId, model, lastSync);
    }

    private SynchronizationResult syncUsers(
            KeycloakSessionFactory sessionFactory, String realmId, UserStorageProviderModel model, Date since) {
        SynchronizationResult result = new SynchronizationResult();
        List<DirectoryUser> users = new ArrayList<>();
        try {
            KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> {
                // A sync session (admin request's job, or the periodic timer) has no realm in its context, and the
                // vault resolves ${vault.key} per realm: without it, a sync that is the first use of the pool (after a
                // restart, say) could not read the bind credential.
                session.getContext().setRealm(session.realms().getRealm(realmId));
                LdapConfig config = LdapConfig.from(model);
                try {
                    directory(session, model, config).forEachUser(since, users::add);
                } catch (DirectoryException e) {
                    throw new IllegalStateException("Directory unavailable for sync (" + e.rawCode() + ")", e);
                }
            });
        } catch (IllegalStateException e) {
            LOG.warnf("sspr-ldap sync of %s skipped: %s", model.getName(), e.getMessage());
            result.setIgnored(true);
            return result;
        }
        for (DirectoryUser user : users) {
            try {
                KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    session.getContext().setRealm(realm);
                    SsprLdapStorageProvider provider = create(session, model);
                    switch (provider.importOrUpdate(realm, user)) {
                        case ADDED -> result.increaseAdded();
                        case UPDATED -> result.increaseUpdated();
                        case UNCHANGED -> {}
                        case CONFLICT -> result.increaseFailed();
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf("sspr-ldap sync could not import an entry: %s", e.getMessage());
                result.increaseFailed();
            }
        }
        LOG.infof("sspr-ldap sync of %s: %s", model.getName(), result.getStatus());
        return result;
    }
}
