package io.github.sspr.policy.store;

import io.github.sspr.policy.Enablement;
import io.github.sspr.policy.SsprPolicy;
import org.keycloak.models.RealmModel;

/**
 * Whether the sign-in page shows "Unlock my account" (under the password field, the same for everyone, so it tells
 * nobody whether an account is locked): the policy allows self-service unlock and SSPR is on for someone. The sign-in
 * page is Keycloak's and sees the realm, not the policy component, so the answer is mirrored into the realm attribute
 * {@value #ATTRIBUTE} whenever the policy is created, updated, removed or imported with a realm
 * (docs/reset-identify.md).
 */
public final class UnlockLink {

    /** Realm attribute read by the {@code sspr} login theme's {@code login.ftl}: {@code "true"} or absent. */
    public static final String ATTRIBUTE = "sspr.unlockLink";

    private UnlockLink() {}

    /** Whether {@code policy} offers the link. */
    public static boolean offered(SsprPolicy policy) {
        return policy.selfServiceUnlock() && policy.enablement() != Enablement.OFF;
    }

    /** Brings the realm attribute in line with {@code policy}; writes only when it changes. */
    public static void sync(RealmModel realm, SsprPolicy policy) {
        boolean want = offered(policy);
        boolean has = "true".equals(realm.getAttribute(ATTRIBUTE));
        if (want && !has) {
            realm.setAttribute(ATTRIBUTE, "true");
        } else if (!want && realm.getAttribute(ATTRIBUTE) != null) {
            realm.removeAttribute(ATTRIBUTE);
        }
    }
}
