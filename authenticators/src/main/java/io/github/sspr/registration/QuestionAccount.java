package io.github.sspr.registration;

import io.github.sspr.credentials.questions.QuestionRegistrationValidator;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;

/** What {@link QuestionRegistrationValidator} may know about the user registering answers (docs/registration.md). */
final class QuestionAccount {

    /** Id of Keycloak's "Minimum length" password policy (LengthPasswordPolicyProviderFactory). */
    private static final String LENGTH_POLICY = "length";

    private QuestionAccount() {}

    static QuestionRegistrationValidator.Account of(RealmModel realm, UserModel user) {
        Object length = realm.getPasswordPolicy() == null
                ? null
                : realm.getPasswordPolicy().getPolicyConfig(LENGTH_POLICY);
        int minPasswordLength = length instanceof Integer n ? n : 0;
        return new QuestionRegistrationValidator.Account(
                user.getUsername(), user.getEmail(), answer -> isCurrentPassword(user, answer), minPasswordLength);
    }

    /**
     * Compared through Keycloak's credential manager, which hashes the answer with the stored password's algorithm:
     * the answer is never stored or logged. A user whose password lives in a federated directory is not checked: the
     * comparison would be a directory bind, and a failed bind counts toward the directory's own lockout (Active
     * Directory's badPwdCount), so registering answers could lock the account.
     */
    private static boolean isCurrentPassword(UserModel user, String answer) {
        if (user.getFederationLink() != null) {
            return false;
        }
        return user.credentialManager().isValid(UserCredentialModel.password(answer));
    }
}
