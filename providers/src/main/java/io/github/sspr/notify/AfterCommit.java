package io.github.sspr.notify;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Runs a side effect (a code message, a notification) off the request path, after the request's transaction commits:
 * on Keycloak's managed executor, in a fresh session and transaction of its own, with a bounded number of attempts.
 *
 * <p>Why: the reset flow must answer in the same time whether or not anything is sent (a send's latency would tell
 * that an account exists; docs/architecture.md, "Security numbers"), a send must never fail or slow the user's
 * action, and nothing may be sent for a change that was rolled back.
 *
 * <p>A task starts {@link #START_DELAY_MILLIS} after the commit, not at once: Keycloak commits the request's
 * transaction while it writes the response (the commit runs inside the response writer) and its SPI has no "response
 * sent" hook, so a task started at the commit — a mail rendered and handed to SMTP, an SMS API call — competed for the
 * CPU with the last part of the very response it must not influence. On a busy 2-core server that made the reset's
 * "send me a code" answer 2.7 ms (20 %) slower for a real account than for a decoy, where nothing is sent; with the
 * delay, 0.9 ms (bench/reset-timing.md). A code or notice that arrives a quarter of a second later matters to nobody.
 *
 * <p>A task gets a session whose realm is set and whose locale is the one resolved in the request (a background
 * session has no HTTP request to resolve it from). A task that throws is retried up to {@code attempts} times, one
 * second apart, then given up with a WARN naming {@code what} only (never a destination or content).
 */
public final class AfterCommit {

    /** Name of the Keycloak-managed executor (a bounded pool shared by every realm). */
    public static final String EXECUTOR = "sspr-dispatch";

    private static final Logger LOG = Logger.getLogger(AfterCommit.class);
    private static final long RETRY_PAUSE_MILLIS = 1_000;

    /** How long after the commit a task is handed to the pool (see the class comment). */
    static final long START_DELAY_MILLIS = 250;

    /** The work: runs in its own session; throw to ask for another attempt. */
    @FunctionalInterface
    public interface Task {
        void run(KeycloakSession session, RealmModel realm) throws Exception;
    }

    private AfterCommit() {}

    /**
     * Schedules {@code task} to run after the current transaction commits; nothing runs if it rolls back.
     *
     * @param what a short, secret-free label for logs, e.g. {@code "reset code email"}
     * @param locale the locale the recipient reads (resolve it in the request)
     * @param attempts 1-5
     */
    public static void schedule(
            KeycloakSession session, RealmModel realm, String what, Locale locale, int attempts, Task task) {
        schedule(session, realm, EXECUTOR, what, locale, attempts, task, () -> {});
    }

    /**
     * As {@link #schedule(KeycloakSession, RealmModel, String, Locale, int, Task)}, on the executor {@code executor}
     * (one per kind of work, so that a slow kind never delays another: docs/sms.md, "When the SMS provider fails").
     *
     * @param finished runs exactly once, whatever happens: after the task's last attempt, or when it will never run
     *     (the transaction rolled back, the executor refused it)
     */
    public static void schedule(
            KeycloakSession session,
            RealmModel realm,
            String executor,
            String what,
            Locale locale,
            int attempts,
            Task task,
            Runnable finished) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(finished, "finished");
        if (attempts < 1 || attempts > 5) {
            throw new IllegalArgumentException("attempts must be 1-5, was " + attempts);
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        String localeTag = locale == null ? null : locale.toLanguageTag();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                Executor pool = session.getProvider(ExecutorsProvider.class).getExecutor(executor);
                startLater(pool, START_DELAY_MILLIS, what, finished).execute(() -> {
                    try {
                        runWithRetries(factory, realmId, localeTag, what, attempts, task);
                    } finally {
                        finished.run();
                    }
                });
            }

            @Override
            protected void rollbackImpl() {
                // The change did not happen, so there is nothing to tell anyone.
                finished.run();
            }
        });
    }

    /**
     * An executor that hands each task to {@code pool} {@code delayMillis} from now, never on the calling thread. The
     * wait runs on the JDK's shared delay scheduler (a daemon thread; nothing of ours is held in a static); a pool that
     * refuses the task then is logged, as before, naming {@code what} only.
     */
    static Executor startLater(Executor pool, long delayMillis, String what) {
        return startLater(pool, delayMillis, what, () -> {});
    }

    /** As {@link #startLater(Executor, long, String)}; {@code refused} runs when the pool refuses the task. */
    static Executor startLater(Executor pool, long delayMillis, String what, Runnable refused) {
        Executor delayed = CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS, Runnable::run);
        return task -> delayed.execute(() -> {
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                LOG.warnf("SSPR: %s not sent: the dispatch pool is full or shutting down", what);
                refused.run();
            }
        });
    }

    static void runWithRetries(
            KeycloakSessionFactory factory, String realmId, String localeTag, String what, int attempts, Task task) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, s -> {
                    RealmModel realm = s.realms().getRealm(realmId);
                    if (realm == null) {
                        return; // the realm was removed meanwhile: nobody left to tell
                    }
                    s.getContext().setRealm(realm);
                    if (localeTag != null) {
                        s.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, localeTag);
                    }
                    try {
                        task.run(s, realm);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new DispatchFailed(e);
                    }
                });
                return;
            } catch (RuntimeException e) {
                Throwable cause = e instanceof DispatchFailed && e.getCause() != null ? e.getCause() : e;
                if (attempt == attempts) {
                    LOG.warnf(
                            "SSPR: %s failed after %d attempt(s): %s",
                            what, attempts, cause.getClass().getSimpleName());
                    return;
                }
                LOG.debugf("SSPR: %s attempt %d failed (%s); retrying", what, attempt, cause.getClass());
                try {
                    // A background thread of our own pool, not a request: pausing here delays nobody.
                    Thread.sleep(RETRY_PAUSE_MILLIS * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static final class DispatchFailed extends RuntimeException {
        DispatchFailed(Throwable cause) {
            super(cause);
        }
    }
}
