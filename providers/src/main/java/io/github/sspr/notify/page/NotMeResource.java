package io.github.sspr.notify.page;

import io.github.sspr.branding.Branding;
import io.github.sspr.notify.AccountLock;
import io.github.sspr.notify.NotMeTokens;
import io.github.sspr.notify.Notifier;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.logging.Logger;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

/**
 * {@code /realms/{realm}/sspr/not-me}: the page behind a notification's "This wasn't me" link.
 *
 * <p>GET only shows where the key stands (mail scanners and link previews fetch links; fetching must not lock anyone
 * out): a confirmation button for a valid key, "already used", or "invalid or expired". The button POSTs the key, and
 * the first POST with it locks the account ({@link AccountLock}); every later one is told the link was used. No CSRF
 * token is needed: the POST is worthless without the 256-bit key from the mail.
 *
 * <p>Pages are in the realm's login theme (keycloak.v2 look) with the SSPR branding; they never name the account.
 */
public class NotMeResource {

    static final String PATH = NotMeTokens.PATH;
    static final String TEMPLATE = "sspr-not-me.ftl";

    private static final Logger LOG = Logger.getLogger(NotMeResource.class);

    private final KeycloakSession session;

    public NotMeResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path(PATH)
    @Produces(MediaType.TEXT_HTML)
    public Response show(@QueryParam("key") String key) {
        RealmModel realm = session.getContext().getRealm();
        NotMeTokens.State state = tokens().peek(realm.getId(), key);
        return switch (state) {
            case VALID -> page(realm, "confirm", key);
            case USED -> page(realm, "used", null);
            case INVALID -> page(realm, "invalid", null);
        };
    }

    @POST
    @Path(PATH)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response confirm(@FormParam("key") String key) {
        RealmModel realm = session.getContext().getRealm();
        NotMeTokens.Claim claim = tokens().consume(realm.getId(), key);
        if (claim.state() == NotMeTokens.State.USED) {
            return page(realm, "used", null);
        }
        if (claim.state() != NotMeTokens.State.VALID) {
            return page(realm, "invalid", null);
        }
        UserModel user = session.users().getUserById(realm, claim.userId());
        if (user == null) {
            return page(realm, "invalid", null); // deleted since the mail: nothing left to lock
        }
        boolean locked = AccountLock.lock(session, realm, user, claim.kind());
        // Whoever changed the account may still hold its other credentials: the admins hear it now, not later.
        Notifier.notifyAdmins(
                session,
                realm,
                user,
                session.getContext().getConnection().getRemoteAddr(),
                locked ? Notifier.AdminAlert.NOT_ME : Notifier.AdminAlert.NOT_ME_NOT_LOCKED);
        LOG.infof("SSPR: 'This wasn't me' confirmed in realm %s; account disabled: %s", realm.getName(), locked);
        return page(realm, locked ? "done" : "revoked", null);
    }

    private NotMeTokens tokens() {
        return new NotMeTokens(session.getProvider(SingleUseObjectProvider.class));
    }

    private Response page(RealmModel realm, String state, String key) {
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class);
        Branding.forRealm(session, realm).applyTo(form);
        form.setAttribute("ssprNotMe", state);
        form.setAttribute("ssprNotMeKey", key == null ? "" : key);
        URI action = session.getContext()
                .getUri()
                .getBaseUriBuilder()
                .path("realms")
                .path(realm.getName())
                .path(NotMeResourceProviderFactory.ID)
                .path(PATH)
                .build();
        form.setActionUri(action);
        Response page = form.createForm(TEMPLATE);
        // The key is in the address bar: keep the page out of caches, and the address out of the helpdesk link's
        // Referer.
        return Response.fromResponse(page)
                .header("Cache-Control", "no-store, must-revalidate, max-age=0")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
