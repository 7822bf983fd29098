package io.github.sspr.delivery.rule;

import java.util.Locale;

/**
 * Who asks for a code, and so how it is worded and when it leaves: the only difference between the flows that send
 * codes. Every purpose has the same message keys ({@code sspr.<id>.email.subject}, {@code sspr.<id>.sms.text},
 * {@code sspr.<id>.voice.text}) and an email template {@code sspr-<id>-code.ftl}.
 */
public enum Purpose {
    /**
     * The reset gates. Sent after the request's transaction commits, off the request path: the decoy path sends
     * nothing, and a real send must not make the answer slower (docs/architecture.md, "Anti-enumeration"). A failure is
     * reported at the flow's next request.
     */
    RESET(Timing.AFTER_COMMIT, false),
    /** Registration of a recovery method: the signed-in user waits for the answer and is told at once if it failed. */
    REGISTER(Timing.NOW, false),
    /**
     * Helpdesk-assisted verification: the admin waits for the answer. The user reads the code in their own language,
     * never the admin's browser's.
     */
    HELPDESK(Timing.NOW, true);

    /** When a code leaves. */
    public enum Timing {
        /** In the request; the outcome says whether the provider took it. */
        NOW,
        /** After the transaction commits, on the dispatch pool; a failure is parked for the flow's next request. */
        AFTER_COMMIT
    }

    private final Timing timing;
    private final boolean userLanguageOnly;

    Purpose(Timing timing, boolean userLanguageOnly) {
        this.timing = timing;
        this.userLanguageOnly = userLanguageOnly;
    }

    /** {@code reset}, {@code register}, {@code helpdesk}: the middle of the message keys and the template name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Timing timing() {
        return timing;
    }

    /** Whether the message ignores the request's language (an admin's request) and uses the user's own. */
    public boolean userLanguageOnly() {
        return userLanguageOnly;
    }

    /** The email subject's message key; its one parameter is the organisation's name. */
    public String subjectKey() {
        return "sspr." + id() + ".email.subject";
    }

    /** The email template (FreeMarker, email theme), given {@code code}, {@code ttl} (the lifetime in words) and the branding. */
    public String emailTemplate() {
        return "sspr-" + id() + "-code.ftl";
    }
}
