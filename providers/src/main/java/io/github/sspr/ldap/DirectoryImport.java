package io.github.sspr.ldap;

import static io.github.sspr.ldap.SsprLdapStorageProvider.DIRECTORY_LOCKED;
import static io.github.sspr.ldap.SsprLdapStorageProvider.LDAP_ENTRY_DN;
import static io.github.sspr.ldap.SsprLdapStorageProvider.LDAP_ID;

import com.unboundid.ldap.sdk.Filter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.storage.UserStoragePrivateUtil;

/**
 * Directory users in Keycloak's store: found by name, e-mail or the admin console's search, imported with a federation
 * link, and refreshed from the directory on validation and sync — e-mail, names, enabled, the lockout mark
 * ({@link SsprLdapStorageProvider#DIRECTORY_LOCKED}), UUID and DN (docs/writeback.md, "Sync and directory state").
 */
final class DirectoryImport {

    private static final Logger LOG = Logger.getLogger(SsprLdapStorageProvider.class);

    /** Most directory entries one search reads: the admin console pages by 10–100. */
    static final int SEARCH_LIMIT = 500;

    enum ImportResult {
        ADDED,
        UPDATED,
        UNCHANGED,
        /** A local user of that name exists and is not ours: left alone. */
        CONFLICT
    }

    /** A directory read that may fail. */
    private interface Lookup {
        Optional<DirectoryUser> find(LdapDirectory directory) throws DirectoryException;
    }

    private final LdapProviderContext ctx;
    /** The user as Keycloak should hold it (required-action changes mirrored to the directory). */
    private final UnaryOperator<UserModel> linked;

    DirectoryImport(LdapProviderContext ctx, UnaryOperator<UserModel> linked) {
        this.ctx = ctx;
        this.linked = linked;
    }

    UserModel byUsername(RealmModel realm, String username) {
        return lookup(realm, "username", d -> d.findByUsername(username));
    }

    UserModel byEmail(RealmModel realm, String email) {
        return lookup(realm, "email", d -> d.findByEmail(email));
    }

    private UserModel lookup(RealmModel realm, String by, Lookup lookup) {
        if (ctx.directory() == null) {
            return null;
        }
        try {
            return lookup.find(ctx.directory()).map(u -> imported(realm, u)).orElse(null);
        } catch (DirectoryException e) {
            LOG.warnf("sspr-ldap %s: lookup by %s failed (%s)", ctx.name(), by, e.rawCode());
            return null;
        }
    }

    private UserModel imported(RealmModel realm, DirectoryUser user) {
        ImportResult result = importOrUpdate(realm, user);
        if (result == ImportResult.CONFLICT) {
            return null;
        }
        UserModel local = local().getUserByUsername(realm, user.username());
        return local == null ? null : linked.apply(local);
    }

    /**
     * Users of the directory that match the admin console's search and are not imported yet (those already imported
     * come from Keycloak's own store, as with Keycloak's LDAP provider); each is imported on the way. So an admin can
     * find a directory user who has never signed in, e.g. to reset a password or send a reset link.
     */
    Stream<UserModel> search(RealmModel realm, Map<String, String> params, Integer firstResult, Integer maxResults) {
        if (ctx.directory() == null) {
            return Stream.empty();
        }
        Optional<Filter> condition = DirectorySearch.filter(ctx.config(), params);
        if (condition.isEmpty()) {
            return Stream.empty();
        }
        int skip = firstResult == null || firstResult < 0 ? 0 : firstResult;
        int limit = maxResults == null || maxResults < 0 ? SEARCH_LIMIT : maxResults;
        List<DirectoryUser> found;
        try {
            found = ctx.directory().search(condition.get(), Math.min(SEARCH_LIMIT, skip + limit + 50));
        } catch (DirectoryException e) {
            LOG.warnf("sspr-ldap %s: user search failed (%s)", ctx.name(), e.rawCode());
            return Stream.empty();
        }
        UserProvider local = local();
        return found.stream()
                .filter(u -> u.username() != null && local.getUserByUsername(realm, u.username()) == null)
                .skip(skip)
                .limit(limit)
                .map(u -> imported(realm, u))
                .filter(Objects::nonNull);
    }

    /** Imports a directory user, or refreshes the one imported earlier. */
    ImportResult importOrUpdate(RealmModel realm, DirectoryUser user) {
        if (user.username() == null || user.username().isBlank()) {
            return ImportResult.CONFLICT;
        }
        UserModel existing = local().getUserByUsername(realm, user.username());
        if (existing == null) {
            UserModel created = local().addUser(realm, user.username());
            created.setFederationLink(ctx.model().getId());
            apply(user, created);
            return ImportResult.ADDED;
        }
        if (!ctx.model().getId().equals(existing.getFederationLink())) {
            return ImportResult.CONFLICT;
        }
        return apply(user, existing) ? ImportResult.UPDATED : ImportResult.UNCHANGED;
    }

    /** Keycloak's {@code ImportedUserValidation}: the imported user refreshed, or {@code null} when it is gone. */
    UserModel validate(UserModel local) {
        String dn = local.getFirstAttribute(LDAP_ENTRY_DN);
        LdapDirectory directory = ctx.directory();
        if (directory == null) {
            return linked.apply(local);
        }
        try {
            Optional<DirectoryUser> entry = dn == null ? Optional.empty() : directory.findByDn(dn);
            if (entry.isEmpty()) {
                // Renamed or moved: look for it by name, and accept it only if it is the same entry (same UUID).
                entry = directory.findByUsername(local.getUsername());
            }
            String uuid = local.getFirstAttribute(LDAP_ID);
            if (entry.isEmpty() || (uuid != null && !uuid.equals(entry.get().uuid()))) {
                return null; // gone from the directory: Keycloak hides (or removes, if configured) the local copy
            }
            apply(entry.get(), local);
            return linked.apply(local);
        } catch (DirectoryException e) {
            // Directory down: keep serving the imported copy so that hash-sync logins keep working.
            LOG.debugf("sspr-ldap %s: validation skipped, directory unavailable (%s)", ctx.name(), e.rawCode());
            return linked.apply(local);
        }
    }

    /** Copies the directory's view onto the local user; true when something changed. */
    private boolean apply(DirectoryUser from, UserModel to) {
        boolean changed = false;
        if (!Objects.equals(blankToNull(from.email()), to.getEmail())) {
            to.setEmail(blankToNull(from.email()));
            changed = true;
        }
        boolean verified = ctx.config().trustEmail() && to.getEmail() != null;
        if (verified && !to.isEmailVerified()) {
            to.setEmailVerified(true);
            changed = true;
        }
        if (!Objects.equals(blankToNull(from.firstName()), to.getFirstName())) {
            to.setFirstName(blankToNull(from.firstName()));
            changed = true;
        }
        if (!Objects.equals(blankToNull(from.lastName()), to.getLastName())) {
            to.setLastName(blankToNull(from.lastName()));
            changed = true;
        }
        if (to.isEnabled() == from.disabled()) {
            to.setEnabled(!from.disabled());
            changed = true;
        }
        boolean lockedHere = "true".equals(to.getFirstAttribute(DIRECTORY_LOCKED));
        if (from.locked() != lockedHere) {
            if (from.locked()) {
                to.setSingleAttribute(DIRECTORY_LOCKED, "true");
            } else {
                to.removeAttribute(DIRECTORY_LOCKED);
            }
            changed = true;
        }
        if (from.uuid() != null && !from.uuid().equals(to.getFirstAttribute(LDAP_ID))) {
            to.setSingleAttribute(LDAP_ID, from.uuid());
            changed = true;
        }
        if (!from.dn().equals(to.getFirstAttribute(LDAP_ENTRY_DN))) {
            to.setSingleAttribute(LDAP_ENTRY_DN, from.dn());
            changed = true;
        }
        return changed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private UserProvider local() {
        return UserStoragePrivateUtil.userLocalStorage(ctx.session());
    }
}
