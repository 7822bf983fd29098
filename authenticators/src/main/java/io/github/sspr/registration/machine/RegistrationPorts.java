package io.github.sspr.registration.machine;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.credentials.questions.QuestionRegistrationValidator;
import io.github.sspr.delivery.rule.SendOutcome;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import java.util.Map;
import java.util.Set;

/** What {@link RegistrationMachine} needs from Keycloak: the code pipeline, the user's credentials, the events. */
public interface RegistrationPorts {

    /** The policy-for-user rule's answer for the user as they are now (re-read after a change). */
    ResetAccess access();

    /** Whether the user chose to set up the Keycloak factor behind {@code method} (its required action is queued). */
    boolean factorQueued(Method method);

    /** Sends a code for {@code kind} to {@code destination} by {@code method} through the delivery pipeline. */
    SendOutcome send(RecoveryCredential kind, String destination, Method method);

    /** Forgets the pending code of {@code kind} (a different destination must not inherit it). */
    void discardCode(RecoveryCredential kind);

    /** Checks the code typed for {@code kind}. */
    VerifyResult verify(RecoveryCredential kind, String code);

    /** Stores the verified destination (replacing the old one), records the event and tells the user. */
    void saveDestination(RecoveryCredential kind, String destination, String channel);

    /** Enrols the answers (question id to answer), records the event and tells the user. */
    void saveQuestions(Map<String, String> answers, int questionsToAnswer);

    /** Removes the registered {@code kind}, if any, records the event and tells the user. */
    void remove(RecoveryCredential kind);

    /** Marks {@code kinds} confirmed now and records the event. */
    void confirm(Set<RecoveryCredential> kinds);

    /**
     * A refused step's event ({@code UPDATE_CREDENTIAL_ERROR}).
     *
     * @param kind the method concerned, or {@code null} for the registration as a whole
     */
    void refused(RecoveryCredential kind, String error, Map<String, String> details);

    /** The question texts the user chooses from (id to text, in the user's language). */
    Map<String, String> questionTexts();

    /** What an answer must not be for this user: the username, the email, the current password (docs/registration.md). */
    QuestionRegistrationValidator.Account questionAccount();
}
