package procos.das.generation.intent;

import java.util.List;

/** A sentence with its tokens, parts of speech and lemmas. */
public record AnalyzedSentence(String text, List<Token> tokens) {

    public AnalyzedSentence {
        tokens = List.copyOf(tokens);
    }
}
