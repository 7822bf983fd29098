package io.github.sspr.it.insight;

import io.github.sspr.admin.SsprAdminResourceProviderFactory;
import io.github.sspr.expiry.remind.PasswordExpiryTask;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;

/**
 * The password-expiry task run inside Keycloak exactly as its schedule runs it: no request, so the links' base is the
 * server's {@code hostname} option (or a realm's frontend URL). Kept apart from the test class so that the server loads
 * only Keycloak and SSPR types when it loads this lambda.
 */
final class ScheduledExpiry {

    private ScheduledExpiry() {}

    /** Runs the task over every realm; answers the base URL the scheduled runs use ("none" without one). */
    static FetchOnServer runAsScheduled() {
        return session -> {
            String base = SsprAdminResourceProviderFactory.serverBase();
            new PasswordExpiryTask(base).run(session);
            return base == null ? "none" : base;
        };
    }
}
