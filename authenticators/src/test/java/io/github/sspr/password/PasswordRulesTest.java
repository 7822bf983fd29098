package io.github.sspr.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.PasswordCredentialProvider;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.policy.DefaultPasswordPolicyManagerProvider;
import org.keycloak.policy.DigitsPasswordPolicyProviderFactory;
import org.keycloak.policy.HistoryPasswordPolicyProviderFactory;
import org.keycloak.policy.LengthPasswordPolicyProviderFactory;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;

/**
 * The new-password step's check and write, against Keycloak's real password-policy providers and its real password
 * credential provider ({@code updateCredential}'s own policy check, history bookkeeping), with a hash provider that
 * counts: a reset under {@code passwordHistory(3)} costs 4 password hashes — the 3 stored passwords verified once and
 * the new one hashed once — as Keycloak's own reset does.
 */
class PasswordRulesTest {

    private static final Map<String, PasswordPolicyProviderFactory> RULES = Map.of(
            "length", new LengthPasswordPolicyProviderFactory(),
            "digits", new DigitsPasswordPolicyProviderFactory(),
            "passwordHistory", new HistoryPasswordPolicyProviderFactory());

    private final CountingHash hash = new CountingHash();
    private final List<CredentialModel> stored = new ArrayList<>();
    private PasswordPolicy policy;
    private KeycloakSession session;
    private RealmModel realm;
    private UserModel user;

    @BeforeEach
    void user() {
        session = proxy(KeycloakSession.class, (name, args) -> switch (name) {
            case "getContext" -> proxy(KeycloakContext.class, (n, a) -> "getRealm".equals(n) ? realm : null);
            case "getProvider" -> provider((Class<?>) args[0], args.length > 1 ? (String) args[1] : null);
            default -> null;
        });
        realm = proxy(RealmModel.class, (name, args) -> switch (name) {
            case "getPasswordPolicy" -> policy;
            case "getName" -> "test";
            default -> null;
        });
        PasswordCredentialProvider keycloak =
                new PasswordCredentialProvider(session, null, false, false, false, false, false);
        SubjectCredentialManager credentials = proxy(SubjectCredentialManager.class, (name, args) -> switch (name) {
            case "updateCredential" -> keycloak.updateCredential(realm, user, (CredentialInput) args[0]);
            case "getStoredCredentialsByTypeStream" ->
                stored.stream().filter(c -> c.getType().equals(args[0])).map(PasswordRulesTest::copy);
            case "createStoredCredential" -> {
                CredentialModel c = copy((CredentialModel) args[0]);
                c.setId(UUID.randomUUID().toString());
                stored.add(c);
                yield copy(c);
            }
            case "updateStoredCredential" -> {
                CredentialModel c = (CredentialModel) args[0];
                stored.replaceAll(s -> s.getId().equals(c.getId()) ? copy(c) : s);
                yield null;
            }
            case "removeStoredCredentialById" -> stored.removeIf(s -> s.getId().equals(args[0]));
            default -> throw new UnsupportedOperationException(name);
        });
        user = proxy(UserModel.class, (name, args) -> switch (name) {
            case "credentialManager" -> credentials;
            case "getUsername" -> "erin";
            case "getEmail" -> "erin@example.test";
            case "getId" -> "erin-id";
            default -> null;
        });
        // Three passwords so far: the current one and two in the history, as passwordHistory(3) keeps them.
        policy = PasswordPolicy.parse(session, "passwordHistory(3)");
        for (String old : List.of("Passw0rd-one", "Passw0rd-two", "Passw0rd-three")) {
            write(old);
        }
        assertEquals(1, count(PasswordCredentialModel.TYPE));
        assertEquals(2, count(PasswordCredentialModel.PASSWORD_HISTORY));
        hash.reset();
    }

    @Test
    void aResetUnderAHistoryOfThreeCostsFourHashesAsKeycloaksOwn() {
        policy = PasswordPolicy.parse(session, "length(10) and digits(1) and passwordHistory(3)");

        PasswordRules.Verdict verdict = PasswordRules.check(session, realm, user, "Passw0rd-four");
        assertTrue(verdict.passes(), verdict.reason());
        assertEquals(0, hash.total(), "the cheap rules hash nothing; the history is left to the write");

        write("Passw0rd-four");

        assertEquals(3, hash.verifications.get(), "each of the 3 stored passwords verified once");
        assertEquals(1, hash.encodings.get(), "the new password hashed once");
        assertTrue(hash.matches("Passw0rd-four", current()), "and it is the password now");
    }

    @Test
    void aReusedPasswordIsRefusedByTheWriteWithTheHistoryRulesOwnMessageAndNothingChanges() {
        policy = PasswordPolicy.parse(session, "length(10) and passwordHistory(3)");
        List<CredentialModel> before =
                stored.stream().map(PasswordRulesTest::copy).toList();

        assertTrue(PasswordRules.check(session, realm, user, "Passw0rd-two").passes());
        ModelException refused = assertThrows(ModelException.class, () -> write("Passw0rd-two"));

        PasswordRules.Verdict verdict = PasswordRules.refused(refused);
        assertEquals(Set.of("passwordHistory"), verdict.rules(), "the checklist marks the history rule");
        assertEquals(
                List.of(PasswordRules.RULES_BROKEN),
                verdict.errors().stream().map(FormMessage::getMessage).toList());
        assertEquals("password-new", verdict.errors().get(0).getField());
        assertEquals(0, hash.encodings.get(), "nothing hashed for a refused password");
        assertTrue(hash.verifications.get() <= 3);
        assertEquals(
                before.stream().map(CredentialModel::getSecretData).toList(),
                stored.stream().map(CredentialModel::getSecretData).toList(),
                "nothing half-written");
    }

    @Test
    void whenACheapRuleBreaksEveryBrokenRuleIsListedHistoryIncluded() {
        policy = PasswordPolicy.parse(session, "length(16) and digits(1) and passwordHistory(3)");

        PasswordRules.Verdict verdict = PasswordRules.check(session, realm, user, "Passw0rd-two");

        assertEquals(Set.of("length", "passwordHistory"), verdict.rules());
        assertEquals(
                List.of(PasswordRules.RULES_BROKEN),
                verdict.errors().stream().map(FormMessage::getMessage).toList());
        assertEquals(0, hash.encodings.get());
    }

    @Test
    void aDirectorysRefusalIsSaidInItsOwnWords() {
        PasswordRules.Verdict verdict = PasswordRules.refused(new ModelException("sspr.ldap.error.tooShort", 12));
        assertEquals(Set.of(), verdict.rules());
        assertEquals("sspr.ldap.error.tooShort", verdict.errors().get(0).getMessage());
        assertFalse(verdict.passes());
    }

    @Test
    void countedRulesGetARealNumberForTheirPluralAndOthersTheirText() {
        assertEquals(12L, PasswordRules.argument("length", "12"));
        assertEquals(1L, PasswordRules.argument("digits", " 1 "));
        assertEquals(3L, PasswordRules.argument("passwordHistory", "3"));
        assertEquals("^[A-Z].*$", PasswordRules.argument("regexPattern", "^[A-Z].*$"));
        assertEquals("", PasswordRules.argument("notUsername", ""));
        assertEquals("many", PasswordRules.argument("length", "many"), "unparseable stays text, never throws");
    }

    @Test
    void theChecklistsRulesAreSaidOnceAndOnlyForeignRulesInKeycloaksWords() {
        PasswordRules.Verdict verdict = new PasswordRules.Verdict(
                new java.util.LinkedHashSet<>(List.of("length", "digits")),
                List.of(
                        new FormMessage("password-new", PasswordRules.RULES_BROKEN),
                        new FormMessage("password-new", "invalidPasswordCustomMessage")));
        assertFalse(verdict.passes());
        assertEquals("length,digits,invalidPasswordCustomMessage", verdict.reason());
        assertTrue(new PasswordRules.Verdict(Set.of(), List.of()).passes());
    }

    @Test
    void onlyHistoryAndAgeAreLeftToTheWrite() {
        assertTrue(PasswordRules.readsStoredPasswords("passwordHistory"));
        assertTrue(PasswordRules.readsStoredPasswords("passwordAge"));
        for (String cheap : List.of("length", "digits", "notUsername", "regexPattern", "passwordBlacklist")) {
            assertEquals(false, PasswordRules.readsStoredPasswords(cheap), cheap);
        }
    }

    // ------------------------------------------------------------------------------------------------ fakes

    private void write(String password) {
        user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
    }

    private PasswordCredentialModel current() {
        return PasswordCredentialModel.createFromCredentialModel(stored.stream()
                .filter(c -> c.getType().equals(PasswordCredentialModel.TYPE))
                .findFirst()
                .orElseThrow());
    }

    private long count(String type) {
        return stored.stream().filter(c -> c.getType().equals(type)).count();
    }

    private Object provider(Class<?> type, String id) {
        if (type == PasswordPolicyProvider.class) {
            PasswordPolicyProviderFactory factory = RULES.get(id);
            return factory == null ? null : factory.create(session);
        }
        if (type == PasswordPolicyManagerProvider.class) {
            return new DefaultPasswordPolicyManagerProvider(session);
        }
        if (type == PasswordHashProvider.class) {
            return hash;
        }
        return null;
    }

    private static CredentialModel copy(CredentialModel c) {
        CredentialModel out = new CredentialModel();
        out.setId(c.getId());
        out.setType(c.getType());
        out.setUserLabel(c.getUserLabel());
        out.setCreatedDate(c.getCreatedDate());
        out.setSecretData(c.getSecretData());
        out.setCredentialData(c.getCredentialData());
        return out;
    }

    interface Handler {
        Object call(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(
                PasswordRulesTest.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(self);
                            case "equals" -> self == args[0];
                            default -> type.getSimpleName();
                        };
                    }
                    return handler.call(method.getName(), args == null ? new Object[0] : args);
                });
    }

    /** A salted SHA-256 standing in for the realm's slow hash, counting every hash it computes. */
    private static final class CountingHash implements PasswordHashProvider {
        final AtomicInteger encodings = new AtomicInteger();
        final AtomicInteger verifications = new AtomicInteger();

        @Override
        public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
            return true;
        }

        @Override
        public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
            encodings.incrementAndGet();
            byte[] salt = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
            return PasswordCredentialModel.createFromValues("counting", salt, 1, digest(rawPassword, salt));
        }

        @Override
        public String encode(String rawPassword, int iterations) {
            throw new UnsupportedOperationException("not used by Keycloak's password provider");
        }

        @Override
        public boolean verify(String rawPassword, PasswordCredentialModel credential) {
            verifications.incrementAndGet();
            return matches(rawPassword, credential);
        }

        /** The check without counting, for the test's own look at what was stored. */
        boolean matches(String rawPassword, PasswordCredentialModel credential) {
            String expected = credential.getPasswordSecretData().getValue();
            return expected.equals(
                    digest(rawPassword, credential.getPasswordSecretData().getSalt()));
        }

        private static String digest(String password, byte[] salt) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(salt);
                return Base64.getEncoder().encodeToString(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        int total() {
            return encodings.get() + verifications.get();
        }

        void reset() {
            encodings.set(0);
            verifications.set(0);
        }

        @Override
        public void close() {}
    }
}
