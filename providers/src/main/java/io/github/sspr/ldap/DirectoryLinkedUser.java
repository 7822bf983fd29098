package io.github.sspr.ldap;

import java.util.Objects;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.UserModelDelegate;

/**
 * An imported {@code sspr-ldap} user as Keycloak hands it out (our {@code validate} wraps it): Keycloak's
 * "update password" required action is mirrored to the directory's own "must change at next logon" flag, so that the
 * directory and Keycloak agree.
 *
 * <ul>
 *   <li>added (an admin reset with <em>Temporary</em> on: Keycloak writes the password, then adds the action) → AD
 *       {@code pwdLastSet = 0}, OpenLDAP {@code pwdReset = TRUE};
 *   <li>removed after it was pending (the user chose a new password, or an admin set a non-temporary one) → AD
 *       {@code pwdLastSet = -1}, OpenLDAP {@code pwdReset} removed.
 * </ul>
 *
 * <p>Writes to Keycloak's side go through (and are cached) as usual; the directory write is best effort: the password is
 * already in the directory at that point, and Keycloak's required action alone still makes the user change it.
 */
final class DirectoryLinkedUser extends UserModelDelegate {

    /** Sets or clears the directory's flag for this user. */
    interface MustChange {
        void set(UserModel user, boolean mustChange);
    }

    private static final String UPDATE_PASSWORD = RequiredAction.UPDATE_PASSWORD.name();

    private final MustChange mustChange;

    DirectoryLinkedUser(UserModel delegate, MustChange mustChange) {
        super(delegate);
        this.mustChange = mustChange;
    }

    /** The user as Keycloak stores it, without the mirroring: for writes that must not reach the directory. */
    static UserModel plain(UserModel user) {
        return user instanceof DirectoryLinkedUser linked ? linked.getDelegate() : user;
    }

    @Override
    public void addRequiredAction(String action) {
        boolean mirrored = UPDATE_PASSWORD.equals(action) && !pending();
        super.addRequiredAction(action);
        if (mirrored) {
            mustChange.set(this, true);
        }
    }

    @Override
    public void addRequiredAction(RequiredAction action) {
        addRequiredAction(action.name());
    }

    @Override
    public void removeRequiredAction(String action) {
        // Only when it was pending: an admin's non-temporary reset removes it unconditionally, and an extra directory
        // write for nothing would cost every such reset a round trip.
        boolean mirrored = UPDATE_PASSWORD.equals(action) && pending();
        super.removeRequiredAction(action);
        if (mirrored) {
            mustChange.set(this, false);
        }
    }

    @Override
    public void removeRequiredAction(RequiredAction action) {
        removeRequiredAction(action.name());
    }

    private boolean pending() {
        return getRequiredActionsStream().anyMatch(UPDATE_PASSWORD::equals);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserModel other && Objects.equals(getId(), other.getId());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(getId());
    }
}
