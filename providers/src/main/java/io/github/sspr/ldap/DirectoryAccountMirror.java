package io.github.sspr.ldap;

import static io.github.sspr.ldap.SsprLdapStorageProvider.DIRECTORY_LOCKED;
import static io.github.sspr.ldap.SsprLdapStorageProvider.LDAP_ENTRY_DN;

import org.jboss.logging.Logger;
import org.keycloak.models.UserModel;

/**
 * Keycloak's account state carried over to the directory: "must change at next logon" (AD pwdLastSet, OpenLDAP
 * pwdReset) follows Keycloak's UPDATE_PASSWORD action, and the reset flow's unlock step clears the directory's lockout
 * (docs/writeback.md, "Unlock on reset" and "Must change at next logon").
 */
final class DirectoryAccountMirror {

    private static final Logger LOG = Logger.getLogger(SsprLdapStorageProvider.class);

    private final LdapProviderContext ctx;
    private final DirectoryLogin login;

    DirectoryAccountMirror(LdapProviderContext ctx, DirectoryLogin login) {
        this.ctx = ctx;
        this.login = login;
    }

    /** Sets or clears the directory's "must change at next logon" (AD pwdLastSet, OpenLDAP pwdReset). */
    void mirrorMustChange(UserModel user, boolean mustChange) {
        String dn = user.getFirstAttribute(LDAP_ENTRY_DN);
        if (dn == null || ctx.config().vendor() == Vendor.GENERIC) {
            return;
        }
        try {
            ctx.requireDirectory().setMustChange(dn, mustChange);
            login.rememberWrite(user, dn);
        } catch (DirectoryException e) {
            // The password is already written; Keycloak's required action still makes the user change it here.
            LOG.warnf(
                    "sspr-ldap %s: could not %s the directory's must-change flag: %s (%s)",
                    ctx.name(), mustChange ? "set" : "clear", e.failure(), e.rawCode());
        }
    }

    /** See {@link SsprLdapStorageProvider#unlockAfterReset}. */
    boolean unlockAfterReset(UserModel user) throws DirectoryException {
        String dn = user.getFirstAttribute(LDAP_ENTRY_DN);
        LdapDirectory directory = ctx.requireDirectory();
        if (!ctx.config().unlockOnReset() || dn == null) {
            return false;
        }
        boolean wasLocked = directory.unlock(dn);
        if ("true".equals(user.getFirstAttribute(DIRECTORY_LOCKED))) {
            user.removeAttribute(DIRECTORY_LOCKED);
        }
        return wasLocked;
    }
}
