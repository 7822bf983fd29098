package io.github.sspr.bench;

import io.github.sspr.it.support.ResetClient;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The demo user dave's security-question answers (README), and the questions form filled from the page shown. */
final class DaveAnswers {

    /** A word of each question's text (the page in English) → dave's answer. */
    private static final Map<String, String> BY_KEYWORD =
            Map.of("concert", "Harbour Lights", "friend", "Tobias", "parents", "Lisbon");

    private DaveAnswers() {}

    /** The answers form for the questions the page asks: dave's answers, or each one wrong. */
    static Map<String, String> form(ResetClient page, boolean right) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("sspr-action", "answer");
        for (int i = 0; page.has("sspr-question-" + i); i++) {
            String text = page.text("sspr-question-" + i).toLowerCase(Locale.ROOT);
            String answer = BY_KEYWORD.entrySet().stream()
                    .filter(e -> text.contains(e.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("not one of dave's questions: " + text));
            form.put("answer-" + i, right ? answer : "Not " + answer);
        }
        return form;
    }
}
