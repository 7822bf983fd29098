package io.github.sspr.adminreset;

import java.util.Map;
import java.util.Optional;

/**
 * The policy's "an admin reset needs a fresh helpdesk verification of the caller" rule ({@code
 * adminResetHelpdeskMinutes}), pure: given the user's latest verification (as the helpdesk verification keeps it), is a
 * reset link allowed now, and if not, why. See docs/policy.md.
 */
final class HelpdeskRequirement {

    private HelpdeskRequirement() {}

    /** Why the link may not be sent. */
    record Refusal(String latest, long minutesAgo) {}

    /**
     * @param minutes the policy's window; 0 switches the rule off
     * @param latest the latest verification ({@code result}, {@code time} in epoch millis), or {@code null}
     * @return empty when the reset may go ahead
     */
    static Optional<Refusal> check(int minutes, Map<String, String> latest, long nowMillis) {
        if (minutes <= 0) {
            return Optional.empty();
        }
        if (latest == null) {
            return Optional.of(new Refusal("none", -1));
        }
        long time;
        try {
            time = Long.parseLong(latest.getOrDefault("time", ""));
        } catch (NumberFormatException e) {
            return Optional.of(new Refusal("none", -1));
        }
        long ago = Math.max(0, nowMillis - time) / 60_000;
        String result = latest.getOrDefault("result", "none");
        if (!"verified".equals(result)) {
            return Optional.of(new Refusal(result, ago));
        }
        // A verification from the future (clock skew between nodes) counts as now; one older than the window does not.
        if (nowMillis - time > minutes * 60_000L) {
            return Optional.of(new Refusal("expired", ago));
        }
        return Optional.empty();
    }
}
