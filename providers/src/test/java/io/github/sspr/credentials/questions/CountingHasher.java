package io.github.sspr.credentials.questions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A fast stand-in for a password hash (salted SHA-256) that counts how often it is used. */
final class CountingHasher implements AnswerHasher {

    int hashes;
    int verifies;
    private int salt;

    @Override
    public StoredHash hash(String secret) {
        hashes++;
        String s = Integer.toString(++salt);
        return new StoredHash("{\"algorithm\":\"test\"}", s + ":" + digest(s, secret));
    }

    @Override
    public boolean verify(String secret, StoredHash stored) {
        verifies++;
        String[] parts = stored.secretData().split(":", 2);
        return MessageDigest.isEqual(
                parts[1].getBytes(StandardCharsets.US_ASCII),
                digest(parts[0], secret).getBytes(StandardCharsets.US_ASCII));
    }

    int calls() {
        return hashes + verifies;
    }

    private static String digest(String salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return Base64.getEncoder().encodeToString(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
