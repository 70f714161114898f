package procos.das.rag;

import java.util.List;

/**
 * An answer and the sources it rests on. {@code text} refers to sources as {@code [n]}, matching
 * {@link Citation#number()}; a {@link AnswerMethod#NOT_FOUND} answer has no sources.
 *
 * @param note why the method was chosen when it was not the preferred one (for example the model
 *             failed and the extractive answer stands in), else empty
 */
public record Answer(String question, String text, AnswerMethod method, List<Citation> sources, String note) {

    public static final String NOT_FOUND_TEXT = "Not found in the knowledge base.";

    public Answer {
        sources = List.copyOf(sources);
        note = note == null ? "" : note;
    }

    public static Answer notFound(String question, String note) {
        return new Answer(question, NOT_FOUND_TEXT, AnswerMethod.NOT_FOUND, List.of(), note);
    }

    public boolean found() {
        return method != AnswerMethod.NOT_FOUND;
    }
}
