package io.github.sspr.change.machine;

import io.github.sspr.activity.model.ActivityType;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Every rule of SSPR's password change page, without Keycloak (docs/architecture.md): which mode a change is in, when
 * the current password is asked, when the page can be cancelled, what a posted form needs before the password rules
 * run, what a success clears, how long an admin link's claim lasts, and when a password has expired. The adapter
 * {@code change.ChangePasswordAction} reads the request, asks this class, and renders or writes.
 *
 * @param passwordValidated the person typed the password in this very sign-in (Keycloak's PASSWORD_VALIDATED)
 * @param changeActionRequested {@code kc_action} asks for this page by its id (an application-initiated change)
 */
public record ChangeMachine(Mode mode, boolean passwordValidated, boolean changeActionRequested) {

    public static final String FIELD_CURRENT = "password-current";
    public static final String FIELD_NEW = "password-new";
    public static final String FIELD_CONFIRM = "password-confirm";

    /** Longest password (current or new) that is compared or written at all. */
    static final int MAX_PASSWORD = 1024;

    /** Shortest lifetime of an admin link's "used" claim, and the margin added to the link's own expiry. */
    static final long CLAIM_MARGIN_SECONDS = 60;

    /** How a change was started, decided per authentication session. */
    public enum Mode {
        /** Asked for by the user or an application ({@code kc_action}), or set on the user by an admin. */
        CHANGE,
        /** Keycloak put UPDATE_PASSWORD on the user (expired or temporary password); success removes it. */
        FORCED,
        /** An administrator's reset link: no current password, the link is claimed once at the write. */
        ADMIN_LINK;

        /** The value of the page's {@code ssprChangeMode} and of the event's mode detail: change, forced, admin-link. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What the user reads on a refused form and what the event says: the field, its message key, the reason. */
    public record Refusal(String field, String message, String reason) {}

    /** What a posted form comes to before the password rules run. */
    public enum Step {
        /** The user left an application-initiated change. */
        CANCEL(null),
        CURRENT_MISSING(new Refusal(FIELD_CURRENT, "sspr.change.error.currentMissing", "missing")),
        /** A wrong current password: counts as a failed sign-in (brute-force protection). */
        CURRENT_WRONG(new Refusal(FIELD_CURRENT, "sspr.change.error.currentWrong", "current password wrong")),
        PASSWORD_MISSING(new Refusal(FIELD_NEW, "sspr.reset.error.passwordMissing", "missing")),
        MISMATCH(new Refusal(FIELD_CONFIRM, "sspr.reset.error.passwordMismatch", "mismatch")),
        /** The form is complete: check the password rules, then write. */
        CHECK_RULES(null);

        /** What the page and the event say; {@code null} for CANCEL and CHECK_RULES. */
        public final Refusal refusal;

        Step(Refusal refusal) {
            this.refusal = refusal;
        }
    }

    /** The posted form: the cancel button, the current password, the new one and its confirmation. */
    public record Form(boolean cancel, String current, String password, String confirm) {}

    /** The mode: an admin link's note wins, then a pending UPDATE_PASSWORD, else a plain change. */
    public static Mode mode(boolean adminLinkNote, boolean updatePasswordPending) {
        if (adminLinkNote) {
            return Mode.ADMIN_LINK;
        }
        return updatePasswordPending ? Mode.FORCED : Mode.CHANGE;
    }

    /**
     * The current password is asked unless the link is the proof, or the person typed it in this very sign-in — a
     * signed-in browser left unattended must not be enough to change the password.
     */
    public boolean asksCurrent() {
        return mode != Mode.ADMIN_LINK && !passwordValidated;
    }

    /** Only an application-initiated change can be cancelled; a forced change or an admin's link cannot be skipped. */
    public boolean cancellable() {
        return changeActionRequested && mode == Mode.CHANGE;
    }

    /**
     * What the posted form comes to, in the order the page checks it: cancel, the current password (when asked; {@code
     * currentValid} is asked only for a present one of sane length), the new password, its confirmation.
     */
    public Step check(Form form, Predicate<String> currentValid) {
        if (form.cancel() && cancellable()) {
            return Step.CANCEL;
        }
        if (asksCurrent()) {
            String current = form.current();
            if (current == null || current.isEmpty()) {
                return Step.CURRENT_MISSING;
            }
            if (current.length() > MAX_PASSWORD || !currentValid.test(current)) {
                return Step.CURRENT_WRONG;
            }
        }
        String password = form.password();
        if (password == null || password.isEmpty()) {
            return Step.PASSWORD_MISSING;
        }
        if (password.length() > MAX_PASSWORD || !password.equals(form.confirm())) {
            return Step.MISMATCH;
        }
        return Step.CHECK_RULES;
    }

    /** The current password handed to the directory as the user's own change: only when it was asked. */
    public String currentForWrite(Form form) {
        return asksCurrent() ? form.current() : null;
    }

    /** Whether the write must first claim the admin link (it works once, whichever tab comes first). */
    public boolean claimsLink() {
        return mode == Mode.ADMIN_LINK;
    }

    /** Whether a success clears the user's throttle counters: an admin's link vouches for the person. */
    public boolean clearsThrottle() {
        return mode == Mode.ADMIN_LINK;
    }

    /** Whether a success unlocks the account: an admin's link that asked for it. */
    public boolean unlocks(boolean unlockNote) {
        return mode == Mode.ADMIN_LINK && unlockNote;
    }

    /** The activity type of the change's events. */
    public ActivityType activityType() {
        return mode == Mode.ADMIN_LINK ? ActivityType.ADMIN_RESET : ActivityType.SELF_SERVICE_CHANGE;
    }

    /** The events' methods detail: the link, or the current password. */
    public String methods() {
        return mode == Mode.ADMIN_LINK ? "admin-link" : "password";
    }

    /** Whether the events carry the mode detail (an admin link only). */
    public boolean eventsCarryMode() {
        return mode == Mode.ADMIN_LINK;
    }

    /** The page takes over Keycloak's password page unless its {@code forced} option is switched off. */
    public static boolean forcedEnabled(String configValue) {
        return configValue == null || Boolean.parseBoolean(configValue);
    }

    /**
     * Whether a stored password is older than the realm's expiry: never with no expiry ({@code -1}); always when its
     * creation date is unknown.
     */
    public static boolean expired(int daysToExpire, Long createdMillis, long nowMillis) {
        if (daysToExpire == -1) {
            return false;
        }
        if (createdMillis == null) {
            return true;
        }
        return nowMillis - createdMillis > TimeUnit.DAYS.toMillis(daysToExpire);
    }

    /** Seconds the admin link's "used" claim lives: until a minute after the link expires, at least a minute. */
    public static long claimSeconds(String expiryNote, long nowSeconds) {
        return Math.max(CLAIM_MARGIN_SECONDS, parse(expiryNote) - nowSeconds + CLAIM_MARGIN_SECONDS);
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
