package io.github.sspr.credentials.questions;

/**
 * A slow, salted password hash for security-question answers. Production uses {@code credentials.PasswordHashAnswerHasher} (the
 * realm's password-hash provider); tests count calls on a fake.
 */
public interface AnswerHasher {

    /** Hashes {@code secret} with a fresh salt at the full cost of a password hash. */
    StoredHash hash(String secret);

    /** Whether {@code secret} is the one hashed into {@code stored}; costs one password hash. */
    boolean verify(String secret, StoredHash stored);
}
