package io.github.sspr.ldap.admin;

import io.github.sspr.ldap.DirectoryException;
import io.github.sspr.ldap.LdapConfig;
import io.github.sspr.ldap.LdapDirectory;
import io.github.sspr.ldap.SsprLdapStorageProviderFactory;
import io.github.sspr.ldap.Vendor;
import io.github.sspr.ldap.WritebackHealth;
import io.github.sspr.ldap.WritebackHealthStore;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.cache.UserCache;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.storage.UserStoragePrivateUtil;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.UserStorageUtil;

/**
 * {@code /admin/realms/{realm}/sspr/ldap}: writeback health and a connection test per {@code sspr-ldap} component, and
 * the migration of users imported by Keycloak's built-in {@code ldap} provider (dry-run count first).
 */
public class LdapAdminResource {

    private static final int PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public LdapAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    /**
     * {@code GET}: every {@code sspr-ldap} component of the realm with its health (as {@code {id}/health}), by name —
     * the dashboard's "Directories" panel.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list() {
        auth.realm().requireViewRealm();
        return realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                .filter(c -> SsprLdapStorageProviderFactory.PROVIDER_ID.equals(c.getProviderId()))
                .sorted(java.util.Comparator.comparing(ComponentModel::getName, String.CASE_INSENSITIVE_ORDER))
                .map(this::healthOf)
                .toList();
    }

    /** {@code GET {id}/health}: can this node reach the directory now, and how did the last writeback go. */
    @GET
    @Path("{id}/health")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> health(@PathParam("id") String id) {
        auth.realm().requireViewRealm();
        return healthOf(ours(id));
    }

    private Map<String, Object> healthOf(ComponentModel model) {
        Map<String, Object> body = probe(model);
        WritebackHealth last = WritebackHealthStore.read(session, model.getId());
        Map<String, Object> writeback = new LinkedHashMap<>();
        writeback.put("at", last.at() == null ? null : last.at().toString());
        writeback.put("ok", last.ok());
        writeback.put("failure", last.failure() == null ? null : last.failure().name());
        writeback.put("rawCode", last.rawCode());
        writeback.put("node", last.node());
        body.put("lastWriteback", writeback);
        return body;
    }

    /** {@code POST {id}/test}: connect, bind with the service account, read the users DN. */
    @POST
    @Path("{id}/test")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> test(@PathParam("id") String id) {
        auth.realm().requireManageRealm();
        return probe(ours(id));
    }

    /**
     * {@code POST migrate?from=&to=&dryRun=}: moves the users imported by a built-in {@code ldap} component to an
     * {@code sspr-ldap} component by re-pointing their federation link (they keep their id, roles, groups, required
     * actions and LDAP_ID / LDAP_ENTRY_DN). Dry run (the default) only counts. Remove the old component only after
     * the move: Keycloak deletes the users still linked to a component when it is removed.
     */
    @POST
    @Path("migrate")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> migrate(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("dryRun") String dryRun) {
        auth.realm().requireManageRealm();
        auth.users().requireManage();
        ComponentModel source = component(from, "ldap");
        ComponentModel target = ours(to);
        boolean apply = "false".equalsIgnoreCase(dryRun);
        UserProvider local = UserStoragePrivateUtil.userLocalStorage(session);
        UserCache cache = UserStorageUtil.userCache(session);
        int count = 0;
        for (int first = 0; ; first += PAGE) {
            List<UserModel> page = local.searchForUserStream(
                            realm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), first, PAGE)
                    .toList();
            for (UserModel user : page) {
                if (source.getId().equals(user.getFederationLink())) {
                    count++;
                    if (apply) {
                        user.setFederationLink(target.getId());
                        if (cache != null) {
                            cache.evict(realm, user);
                        }
                    }
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", source.getId());
        body.put("to", target.getId());
        body.put("dryRun", !apply);
        body.put("users", count);
        return body;
    }

    private Map<String, Object> probe(ComponentModel model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", model.getId());
        body.put("name", model.getName());
        LdapConfig config = LdapConfig.from(model);
        body.put("vendor", config.vendor().id());
        long start = System.nanoTime();
        try {
            LdapDirectory directory = factory().directory(session, model, config);
            directory.ping();
            body.put("reachable", true);
            if (config.vendor() == Vendor.ACTIVE_DIRECTORY) {
                // Whether AD applies its history and minimum age to resets: only with a policy-hints control.
                String hints = directory.policyHintsOid().orElse(null);
                body.put("policyHints", hints);
                body.put("historyOnReset", hints != null);
            }
        } catch (DirectoryException e) {
            body.put("reachable", false);
            body.put("failure", e.failure().name());
            body.put("rawCode", e.rawCode());
        }
        body.put("millis", (System.nanoTime() - start) / 1_000_000);
        return body;
    }

    private ComponentModel ours(String id) {
        return component(id, SsprLdapStorageProviderFactory.PROVIDER_ID);
    }

    private ComponentModel component(String id, String providerId) {
        if (id == null || id.isBlank()) {
            throw new BadRequestException("component id required");
        }
        ComponentModel model = realm.getComponent(id);
        if (model == null
                || !realm.getId().equals(model.getParentId())
                || !UserStorageProvider.class.getName().equals(model.getProviderType())) {
            throw new NotFoundException("no such user federation component");
        }
        if (!providerId.equals(model.getProviderId())) {
            throw new BadRequestException("component " + id + " is not a " + providerId + " provider");
        }
        return model;
    }

    private SsprLdapStorageProviderFactory factory() {
        ProviderFactory<UserStorageProvider> f = session.getKeycloakSessionFactory()
                .getProviderFactory(UserStorageProvider.class, SsprLdapStorageProviderFactory.PROVIDER_ID);
        return (SsprLdapStorageProviderFactory) f;
    }
}
