package io.github.sspr.ldap;

import static io.github.sspr.ldap.SsprLdapStorageProvider.LDAP_ENTRY_DN;

import io.github.sspr.activity.ActivityMetrics;
import io.micrometer.core.instrument.Timer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialInput;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ModelException;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.credential.PasswordUserCredentialModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;

/**
 * A password update (SSPR, self-service change, admin reset) written to the directory first: that write is the commit
 * point — if the directory refuses or is down we throw, and Keycloak's own password is left as it was. Counts the
 * writeback, records its health, and gives admins the directory's raw code in an event (docs/writeback.md).
 */
final class PasswordWriteback {

    private static final Logger LOG = Logger.getLogger(SsprLdapStorageProvider.class);

    /** "again after {0}": the user's time zone is unknown here, so the time says it is UTC. */
    private static final DateTimeFormatter RETRY_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final LdapProviderContext ctx;
    private final DirectoryLogin login;

    PasswordWriteback(LdapProviderContext ctx, DirectoryLogin login) {
        this.ctx = ctx;
        this.login = login;
    }

    /** Keycloak's {@code CredentialInputUpdater.updateCredential} for a password (the type is checked by the caller). */
    boolean update(RealmModel realm, UserModel user, CredentialInput input) {
        String dn = user.getFirstAttribute(LDAP_ENTRY_DN);
        if (dn == null) {
            throw new ModelValidationException(DirectoryFailure.NO_SUCH_USER.messageKey());
        }
        String password = input.getChallengeResponse();
        // Keycloak's own policy first: a password Keycloak would refuse after the directory took it would leave the
        // two out of step.
        PolicyError policy =
                ctx.session().getProvider(PasswordPolicyManagerProvider.class).validate(realm, user, password);
        if (policy != null) {
            throw new ModelException(policy.getMessage(), policy.getParameters());
        }
        // An admin or SSPR reset is a reset for AD (with policy hints when offered, so that AD still applies its
        // history). A self-service change whose page handed over the current password (OwnPasswordChange) is a
        // change, as Windows makes it; without it (e.g. Keycloak's own update-password page), a reset as well.
        boolean adminReset = input instanceof PasswordUserCredentialModel p && p.isAdminRequest();
        ActivityMetrics metrics = ActivityMetrics.global();
        Timer.Sample writeback = metrics.startWriteback();
        try {
            LdapDirectory directory = ctx.requireDirectory();
            Optional<String> current = adminReset ? Optional.empty() : OwnPasswordChange.currentPassword(ctx.session());
            if (current.isPresent()) {
                directory.changePassword(dn, current.get(), password);
            } else {
                directory.writePassword(dn, password, true);
            }
            metrics.writeback(writeback, realm.getName(), ActivityMetrics.SUCCESS);
            WritebackHealthStore.record(
                    ctx.session(),
                    ctx.model().getId(),
                    WritebackHealth.success(WritebackHealthStore.nodeName(ctx.session())));
            clearMustChangeAfterOwnChange(user, dn);
            login.rememberWrite(user, dn);
        } catch (DirectoryException e) {
            metrics.writeback(
                    writeback,
                    realm.getName(),
                    e.failure().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            WritebackHealthStore.record(
                    ctx.session(),
                    ctx.model().getId(),
                    WritebackHealth.failed(e, WritebackHealthStore.nodeName(ctx.session())));
            LOG.warnf(
                    "sspr-ldap %s: password writeback (%s) refused: %s (%s)",
                    ctx.name(), adminReset ? "admin request" : "reset or change", e.failure(), e.rawCode());
            event(realm, user, e, adminReset);
            // The directory write is the commit point: throwing keeps Keycloak's own password unchanged.
            if (e.retryAfter().isPresent()) {
                throw new ModelException(
                        "ssprLdapPasswordTooYoungUntil",
                        RETRY_FORMAT.format(e.retryAfter().get()));
            }
            throw new ModelValidationException(e.failure().messageKey());
        }
        if (ctx.config().passwordHashSync()) {
            // Returning false hands the same input to Keycloak's password provider, which stores its hash (with the
            // realm's hashing algorithm and password history).
            return false;
        }
        login.dropHash(realm, user);
        return true;
    }

    /**
     * OpenLDAP: the service account wrote the password, so with {@code pwdMustChange} on, ppolicy has just flagged it
     * {@code pwdReset} — wrong for a user who chose the password. Cleared unless Keycloak itself still asks for a change
     * (an admin's temporary password sets the flag again right after, see {@link DirectoryLinkedUser}). AD needs nothing
     * here: any password write sets pwdLastSet to "now".
     */
    private void clearMustChangeAfterOwnChange(UserModel user, String dn) {
        if (ctx.config().vendor() != Vendor.OPENLDAP
                || user.getRequiredActionsStream().anyMatch(UserModel.RequiredAction.UPDATE_PASSWORD.name()::equals)) {
            return;
        }
        try {
            ctx.directory().setMustChange(dn, false);
        } catch (DirectoryException e) {
            // Best effort (the password is written): e.g. the service account may not write pwdReset.
            LOG.debugf("sspr-ldap %s: pwdReset not cleared (%s)", ctx.name(), e.rawCode());
        }
    }

    /** An admin-visible event with the directory's raw code (users see only the message key). */
    private void event(RealmModel realm, UserModel user, DirectoryException e, boolean adminReset) {
        try {
            new EventBuilder(realm, ctx.session())
                    .event(EventType.UPDATE_CREDENTIAL_ERROR)
                    .user(user)
                    .detail(Details.CREDENTIAL_TYPE, PasswordCredentialModel.TYPE)
                    .detail("sspr_directory", ctx.name())
                    .detail("sspr_directory_code", e.rawCode())
                    .detail("sspr_admin_reset", Boolean.toString(adminReset))
                    .error("sspr_ldap_" + e.failure().name().toLowerCase(Locale.ROOT));
        } catch (RuntimeException ex) {
            // Never let bookkeeping hide the real failure.
            LOG.debugf("sspr-ldap: event not recorded: %s", ex.getMessage());
        }
    }
}
