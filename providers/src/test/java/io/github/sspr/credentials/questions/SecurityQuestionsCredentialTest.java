package io.github.sspr.credentials.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SecurityQuestionsCredentialTest {

    @Test
    void credentialDataRoundTripsThroughKeycloaksJackson() {
        SecurityQuestionsCredentialData data = SecurityQuestionsCredentialData.registered(
                List.of("first-album", "custom-0011223344556677", "first-book"), 3, 1_700_000_000_000L);

        String json = data.toJson();

        assertEquals(data, SecurityQuestionsCredentialData.fromJson(json));
        assertTrue(json.contains("\"questionIds\""), json);
        assertTrue(json.contains("\"answersRequired\":3"), json);
    }

    @Test
    void confirmingKeepsTheRegistrationDate() {
        SecurityQuestionsCredentialData data =
                SecurityQuestionsCredentialData.registered(List.of("a", "b", "c"), 3, 10);

        SecurityQuestionsCredentialData confirmed = data.confirmed(99);

        assertEquals(10, confirmed.createdAt());
        assertEquals(99, confirmed.confirmedAt());
        assertEquals(data.questionIds(), confirmed.questionIds());
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() {
        SecurityQuestionsCredentialData data = SecurityQuestionsCredentialData.fromJson(
                "{\"version\":2,\"questionIds\":[\"a\",\"b\",\"c\"],\"answersRequired\":3,"
                        + "\"createdAt\":1,\"confirmedAt\":2,\"somethingNew\":true}");

        assertEquals(2, data.version());
        assertEquals(List.of("a", "b", "c"), data.questionIds());
    }

    @Test
    void secretDataRoundTripsAndStillVerifies() {
        CountingHasher hasher = new CountingHasher();
        SecurityQuestionsScheme scheme = new SecurityQuestionsScheme(hasher, new SplittableRandom(1));
        Map<String, String> answers = Map.of("a", "one1", "b", "two2", "c", "three", "d", "four");
        SecurityQuestionsSecretData secret = scheme.enroll(answers, 3);

        SecurityQuestionsSecretData read = SecurityQuestionsSecretData.fromJson(secret.toJson());

        assertEquals(secret, read);
        assertTrue(scheme.verify(read, List.of("b", "d", "a"), answers));
    }

    @Test
    void secretDataNeverPrintsItsHashes() {
        SecurityQuestionsSecretData secret = new SecurityQuestionsSecretData(List.of(
                new SecurityQuestionsSecretData.SubsetHash(List.of("a", "b", "c"), new StoredHash("{}", "SECRET"))));

        assertFalse(secret.toString().contains("SECRET"));
        assertFalse(secret.subsets().get(0).hash().toString().contains("SECRET"));
    }

    @Test
    void malformedJsonIsRejectedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SecurityQuestionsSecretData.fromJson("{\"subsets\":SECRET"));

        assertFalse(e.getMessage().contains("SECRET"));
    }
}
