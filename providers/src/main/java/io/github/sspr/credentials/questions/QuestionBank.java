package io.github.sspr.credentials.questions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The predefined security questions, by stable id; their texts are theme messages {@code sspr.question.<id>}.
 *
 * <p>Ids are stored in users' credentials, so an id is never renamed or reused for another question; a question is
 * retired by removing it from {@link #PREDEFINED_IDS} (users who chose it then re-register). The bank leaves out
 * questions whose answers are public or few (favourite colour, mother's maiden name, first pet, school, birthplace):
 * those are found on social media or guessed in a handful of tries.
 */
public final class QuestionBank {

    /** Prefix of the message keys of predefined questions. */
    public static final String MESSAGE_PREFIX = "sspr.question.";

    /** Prefix of the ids of admin-defined questions. */
    public static final String CUSTOM_PREFIX = "custom-";

    /** Every predefined question id, in the order offered. */
    public static final List<String> PREDEFINED_IDS = List.of(
            "first-concert",
            "childhood-best-friend",
            "parents-meeting-town",
            "first-teacher-surname",
            "childhood-nickname",
            "childhood-hero",
            "first-toy-name",
            "oldest-cousin-name",
            "first-kiss-town",
            "first-album",
            "first-cinema-film",
            "favourite-secondary-teacher",
            "youngest-sibling-middle-name",
            "first-book",
            "first-sports-team",
            "childhood-holiday-place",
            "first-manager-name",
            "grandfather-first-job",
            "first-video-game",
            "imaginary-friend",
            "first-flight-destination",
            "first-dish-cooked",
            "childhood-neighbour-surname",
            "first-driving-instructor");

    /**
     * Predefined questions offered when the policy does not choose: 12, which leaves room for 8 custom questions
     * under the limit of 20 offered in total.
     */
    public static final List<String> DEFAULT_OFFERED_IDS = PREDEFINED_IDS.subList(0, 12);

    /** At most this many questions (predefined plus custom) are offered: a longer list is not read, only scrolled. */
    public static final int MAX_OFFERED = 20;

    private static final Set<String> PREDEFINED = Set.copyOf(PREDEFINED_IDS);

    private QuestionBank() {}

    public static boolean isPredefined(String id) {
        return id != null && PREDEFINED.contains(id);
    }

    /** The predefined question with {@code id}. */
    public static Question predefined(String id) {
        if (!isPredefined(id)) {
            throw new IllegalArgumentException("not a predefined question: " + id);
        }
        return new Question(id, MESSAGE_PREFIX + id, null);
    }

    /** A custom question; its id is derived from its normalized text. */
    public static Question custom(String text) {
        return new Question(customId(text), null, text.strip());
    }

    /**
     * The id of a custom question: {@code custom-} and 16 hex digits of SHA-256 over the normalized text. The id follows
     * the text, so when an admin rewords a question the old registrations no longer match it and those users register
     * again, rather than keeping an answer to a question they never saw.
     */
    public static String customId(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(AnswerNormalizer.normalize(text).getBytes(StandardCharsets.UTF_8));
            return CUSTOM_PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The questions a realm offers: the chosen predefined ones (unknown ids skipped) then the custom ones, in order.
     */
    public static List<Question> offered(List<String> predefinedIds, List<String> customTexts) {
        List<Question> questions = new ArrayList<>();
        for (String id : predefinedIds) {
            if (isPredefined(id)) {
                questions.add(predefined(id));
            }
        }
        for (String text : customTexts) {
            questions.add(custom(text));
        }
        return List.copyOf(questions);
    }
}
