package io.github.sspr.registration.machine;

import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.otp.NoteStore;
import java.util.Optional;

/**
 * The registration's state in notes of the login tab (the authentication session's notes in production): the page the
 * user is on and the destination waiting for its code.
 */
public final class RegistrationNotes {

    public static final String STEP = "sspr.reg.step";
    public static final String PENDING_KIND = "sspr.reg.pending.kind";
    public static final String PENDING_DEST = "sspr.reg.pending.dest";
    public static final String PENDING_CHANNEL = "sspr.reg.pending.channel";

    private final NoteStore notes;

    public RegistrationNotes(NoteStore notes) {
        this.notes = notes;
    }

    /** The page the user is on ({@link RegistrationMachine#STEP_OVERVIEW} when none). */
    public String step() {
        String step = notes.get(STEP);
        return step == null ? RegistrationMachine.STEP_OVERVIEW : step;
    }

    void step(String step) {
        notes.set(STEP, step);
    }

    void clearStep() {
        notes.remove(STEP);
    }

    /** The kind waiting for its code. */
    public Optional<RecoveryCredential> pendingKind() {
        String id = notes.get(PENDING_KIND);
        return RecoveryCredential.ofId(id == null ? "" : id);
    }

    /** The address or number waiting for its code (never shown: pages get it masked). */
    public String pendingDestination() {
        return notes.get(PENDING_DEST);
    }

    /** {@code email}, {@code sms} or {@code voice}. */
    public String pendingChannel() {
        return notes.get(PENDING_CHANNEL);
    }

    void pending(RecoveryCredential kind, String destination, String channel) {
        notes.set(PENDING_KIND, kind.id());
        notes.set(PENDING_DEST, destination);
        notes.set(PENDING_CHANNEL, channel);
    }

    void clearPending() {
        notes.remove(PENDING_KIND);
        notes.remove(PENDING_DEST);
        notes.remove(PENDING_CHANNEL);
    }
}
