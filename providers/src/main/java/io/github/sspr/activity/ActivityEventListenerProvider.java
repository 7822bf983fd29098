package io.github.sspr.activity;

import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.store.ActivityStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Writes activity rows for the events that matter, in the transaction of the change they record (Keycloak calls
 * listeners inside the request): a password change and its row commit or roll back together.
 *
 * <p>It must never fail or slow a login: every other event (LOGIN, CODE_TO_TOKEN, REFRESH_TOKEN …) returns after one
 * enum switch, without touching the database; a row that cannot be written is logged at WARN (event type and realm
 * only — never a username, code or password) and the request carries on.
 */
public class ActivityEventListenerProvider implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(ActivityEventListenerProvider.class);

    private final KeycloakSession session;
    private final ActivityMetrics metrics;

    public ActivityEventListenerProvider(KeycloakSession session, ActivityMetrics metrics) {
        this.session = session;
        this.metrics = metrics;
    }

    @Override
    public void onEvent(Event event) {
        if (event == null
                || event.getType() == null
                || !(ActivityEvents.isRelevant(event.getType()) || ActivityEvents.isNotMeReport(event))) {
            return;
        }
        try {
            Optional<ActivityEvents.FlowUpdate> flow = ActivityEvents.flowUpdate(event);
            if (flow.isPresent()) {
                writeFlow(event, event.getRealmName(), flow.get());
            } else {
                ActivityEvents.fromEvent(event, inResetFlow())
                        .map(row -> row.lacksUsername() ? row.withUsername(username(row.realmId(), row.userId())) : row)
                        .ifPresent(row -> write(event.getRealmName(), row));
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not record SSPR activity for event %s in realm %s: %s",
                    event.getType(), event.getRealmId(), e.getClass().getSimpleName());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        Optional<String> userId = ActivityEvents.adminResetUserId(event);
        if (userId.isEmpty()) {
            return;
        }
        try {
            write(
                    event.getRealmName(),
                    ActivityEvents.fromAdminReset(
                            event, userId.get(), username(event.getRealmId(), userId.get()), adminClient(event)));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not record SSPR activity for an admin password reset in realm %s: %s",
                    event.getRealmId(), e.getClass().getSimpleName());
        }
    }

    /** Session attribute: this request's step updates not written yet, by flow id (see {@link #writeFlow}). */
    private static final String PENDING = "sspr.activity.pendingSteps";

    /**
     * One row per reset flow: made when the flow starts, moved along by its steps (one indexed UPDATE each, reset flows
     * only) and finished by its terminal event, which alone is counted in the metrics.
     *
     * <p>Never in the request's own transaction: Keycloak sends a success event inside it but an error event in a new
     * transaction of its own (so that it survives a rollback); were the success event's UPDATE left to the request's
     * transaction, it would hold the row's lock until the request ends, and an error event of the same request touching
     * the same row would wait for it forever (seen on PostgreSQL: a reset that chose a method, then hit a block, hung
     * until the transaction reaper). So (docs/activity.md, "When the row is written"):
     *
     * <ul>
     *   <li>an error event is written in the transaction Keycloak opened for that event alone, which commits as soon as
     *       the listeners return — no transaction of our own;
     *   <li>the steps of a request's success events (a passed gate and the next gate's offer, say) are written once,
     *       the last one, in one short transaction after the request's transaction completes — the values of a later
     *       step (step reached, methods) include the earlier ones';
     *   <li>the start and the outcome are written at once, each in a short transaction of its own.
     * </ul>
     */
    private void writeFlow(Event event, String realmName, ActivityEvents.FlowUpdate update) {
        boolean inEventTransaction =
                event.getError() != null && session.getTransactionManager().isActive();
        if (inEventTransaction) {
            if (apply(session.getProvider(ActivityStore.class), update)) {
                countAfterCommit(realmName, update.row());
            }
            return;
        }
        if (update.kind() == ActivityEvents.FlowUpdate.Kind.PROGRESS
                && session.getTransactionManager().isActive()) {
            pendingSteps().put(update.flowId(), update);
            return;
        }
        if (KeycloakModelUtils.runJobInTransactionWithResult(
                session.getKeycloakSessionFactory(), s -> apply(s.getProvider(ActivityStore.class), update))) {
            countAfterCommit(realmName, update.row());
        }
    }

    /** Applies one update; true for a finished flow (to be counted once committed). */
    private static boolean apply(ActivityStore store, ActivityEvents.FlowUpdate update) {
        switch (update.kind()) {
            case START -> store.addFlow(update.flowId(), update.row());
            case PROGRESS -> store.updateFlow(update.flowId(), update.row(), false);
            case OUTCOME -> {
                if (!store.updateFlow(update.flowId(), update.row(), true)) {
                    // Started before the listener was on (or before this version): the outcome alone makes it.
                    store.addFlow(update.flowId(), update.row());
                }
                return true;
            }
        }
        return false;
    }

    /** This request's pending step updates; the first call arranges their one write after the request's transaction. */
    @SuppressWarnings("unchecked")
    private Map<String, ActivityEvents.FlowUpdate> pendingSteps() {
        Map<String, ActivityEvents.FlowUpdate> pending = session.getAttribute(PENDING, Map.class);
        if (pending == null) {
            Map<String, ActivityEvents.FlowUpdate> created = new LinkedHashMap<>();
            session.setAttribute(PENDING, created);
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            // Written whether the request's transaction commits or rolls back, as the steps were before.
            Runnable write = () -> {
                session.removeAttribute(PENDING);
                if (created.isEmpty()) {
                    return;
                }
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, s -> {
                        ActivityStore store = s.getProvider(ActivityStore.class);
                        created.values().forEach(u -> apply(store, u));
                    });
                } catch (RuntimeException e) {
                    LOG.warnf(
                            "Could not record SSPR activity steps: %s",
                            e.getClass().getSimpleName());
                }
            };
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    write.run();
                }

                @Override
                protected void rollbackImpl() {
                    write.run();
                }
            });
            pending = created;
        }
        return pending;
    }

    private void write(String realmName, ActivityRecord record) {
        session.getProvider(ActivityStore.class).add(record);
        countAfterCommit(realmName, record);
    }

    private void countAfterCommit(String realmName, ActivityRecord record) {
        // Counted once the row (and the change it records) is committed, as Keycloak counts its own user events.
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                metrics.count(realmName, record);
            }

            @Override
            protected void rollbackImpl() {}
        });
    }

    /** Read from the authentication session, which Keycloak already holds for the request: no database call. */
    private boolean inResetFlow() {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        return authSession != null
                && ActivityEvents.isResetFlow(
                        authSession.getAuthNote(AuthenticationProcessor.CURRENT_FLOW_PATH),
                        authSession.getRequiredActions(),
                        authSession.getClientNote(Constants.KC_ACTION));
    }

    /**
     * The user's name: the admin's request (or the sign-in that locked the account) has just loaded this user, so this
     * is a cache hit.
     */
    private String username(String realmId, String userId) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null || !realm.getId().equals(realmId)) {
            realm = session.realms().getRealm(realmId);
        }
        UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
        return user == null ? null : user.getUsername();
    }

    /** The admin's client as its client id ({@code admin-cli}, {@code security-admin-console}), from its realm. */
    private String adminClient(AdminEvent event) {
        AuthDetails auth = event.getAuthDetails();
        if (auth == null || auth.getClientId() == null || auth.getRealmId() == null) {
            return null;
        }
        RealmModel authRealm = session.realms().getRealm(auth.getRealmId());
        ClientModel client = authRealm == null ? null : session.clients().getClientById(authRealm, auth.getClientId());
        return client == null ? auth.getClientId() : client.getClientId();
    }

    @Override
    public void close() {}
}
