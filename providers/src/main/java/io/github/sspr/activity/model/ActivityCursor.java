package io.github.sspr.activity.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A keyset position in the order (time desc, id desc): the last row a page ended with. Opaque to clients (base64url of
 * {@code time:id}), so that we may change it without breaking them; a malformed cursor is rejected, not guessed at.
 */
public record ActivityCursor(long time, String id) {

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((time + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static ActivityCursor after(ActivityRecord record) {
        return new ActivityCursor(record.time(), record.id());
    }

    public static Optional<ActivityCursor> decode(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon <= 0 || colon == plain.length() - 1) {
                return Optional.empty();
            }
            String id = plain.substring(colon + 1);
            if (id.length() > ActivityRecord.ID_LENGTH) {
                return Optional.empty();
            }
            return Optional.of(new ActivityCursor(Long.parseLong(plain.substring(0, colon)), id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
