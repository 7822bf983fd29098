package io.github.sspr.credentials;

import io.github.sspr.credentials.email.RecoveryEmailSecretData;
import io.github.sspr.credentials.kinds.KeycloakFactor;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.credentials.phone.RecoveryPhoneSecretData;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The realm's {@link RecoveryMix}, computed from a bounded sample of the stored recovery credentials and cached
 * cluster-wide in Keycloak's single-use-object store for {@link #TTL_SECONDS} (docs/reset-identify.md). The first reset
 * of a realm after the cache expires pays one query; every other request reads the cache.
 */
public final class RecoveryMixes {

    /** How long a summary is reused: the mix of a realm's users changes slowly. */
    public static final long TTL_SECONDS = 3600;

    /** Most credential rows read for one summary. */
    static final int SAMPLE = 3000;

    private static final String KEY_PREFIX = "sspr-recovery-mix:";
    private static final String NOTE = "mix";
    private static final Logger LOG = Logger.getLogger(RecoveryMixes.class);

    private RecoveryMixes() {}

    /** The cached summary of {@code realm}, computed when there is none. */
    public static RecoveryMix of(KeycloakSession session, RealmModel realm) {
        SingleUseObjectProvider store = session.getProvider(SingleUseObjectProvider.class);
        String key = KEY_PREFIX + realm.getId();
        Map<String, String> cached = store.get(key);
        if (cached != null) {
            return RecoveryMix.fromNote(cached.get(NOTE));
        }
        RecoveryMix mix = load(session, realm);
        store.put(key, TTL_SECONDS, Map.of(NOTE, mix.toNote()));
        return mix;
    }

    /**
     * Drops the cached summary of a removed realm: a realm imported again under the same id must not draw its decoys
     * from the users of the one before it.
     */
    public static void forget(KeycloakSession session, String realmId) {
        session.getProvider(SingleUseObjectProvider.class).remove(KEY_PREFIX + realmId);
    }

    private static RecoveryMix load(KeycloakSession session, RealmModel realm) {
        JpaConnectionProvider jpa = session.getProvider(JpaConnectionProvider.class);
        if (jpa == null) {
            return RecoveryMix.EMPTY;
        }
        EntityManager em = jpa.getEntityManager();
        List<String> types = new ArrayList<>();
        for (RecoveryCredential kind : RecoveryCredential.values()) {
            types.add(kind.type());
        }
        for (KeycloakFactor factor : KeycloakFactor.values()) {
            types.addAll(factor.types());
        }
        // Keycloak keeps every user's credentials (local and imported users alike) in CredentialEntity; a bounded,
        // read-only query, far cheaper than walking users one by one.
        List<Object[]> rows = em.createQuery(
                        "select c.user.id, c.type, c.secretData from CredentialEntity c"
                                + " where c.user.realmId = :realm and c.type in :types",
                        Object[].class)
                .setParameter("realm", realm.getId())
                .setParameter("types", types)
                .setMaxResults(SAMPLE)
                .getResultList();
        Map<String, UserMethods> users = new LinkedHashMap<>();
        for (Object[] row : rows) {
            UserMethods user = users.computeIfAbsent((String) row[0], id -> new UserMethods());
            RecoveryCredential.ofType((String) row[1]).ifPresent(kind -> user.add(kind, (String) row[2]));
            // A Keycloak factor is only counted: its secret data is not parsed, and nothing of it is kept.
            KeycloakFactor.ofType((String) row[1]).ifPresent(user.factors::add);
        }
        RecoveryMix.Builder builder = new RecoveryMix.Builder();
        users.values().forEach(u -> builder.add(u.kinds, u.factors, u.phones, u.emails));
        RecoveryMix mix = builder.build();
        LOG.debugf(
                "Recovery mix of realm %s: %d users sampled, %d phone shapes, %d address shapes",
                realm.getName(), users.size(), mix.phones().size(), mix.emails().size());
        return mix;
    }

    private static final class UserMethods {
        final Set<RecoveryCredential> kinds = EnumSet.noneOf(RecoveryCredential.class);
        final Set<KeycloakFactor> factors = EnumSet.noneOf(KeycloakFactor.class);
        final List<String> phones = new ArrayList<>();
        final List<String> emails = new ArrayList<>();

        void add(RecoveryCredential kind, String secretData) {
            try {
                switch (kind) {
                    case PHONE ->
                        phones.add(RecoveryPhoneSecretData.fromJson(secretData).e164());
                    case EMAIL ->
                        emails.add(RecoveryEmailSecretData.fromJson(secretData).address());
                    case QUESTIONS -> {}
                }
                kinds.add(kind);
            } catch (RuntimeException corrupt) {
                // A credential we cannot read is not offered to its user either.
            }
        }
    }
}
