package io.github.sspr.registration;

/** An offered security question (a class with getters, for FreeMarker). */
public final class QuestionView {
    private final String id;
    private final String text;

    QuestionView(String id, String text) {
        this.id = id;
        this.text = text;
    }

    public String getId() {
        return id;
    }

    public String getText() {
        return text;
    }
}
