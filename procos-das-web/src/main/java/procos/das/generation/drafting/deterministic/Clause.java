package procos.das.generation.drafting.deterministic;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import procos.das.generation.intent.Token;

/**
 * A clause of an intent: the connectives in front of it and its own words.
 *
 * @param sentence         the sentence it belongs to, counted from 0
 * @param firstInSentence  whether it opens its sentence
 * @param trailingParallel whether it ended with "in parallel" / "at the same time": the clauses of its
 *                         sentence so far run side by side
 * @param beforeColon      whether a colon follows it ("Onboarding for new hires: …")
 */
record Clause(Set<Cue> cues, List<Token> tokens, int sentence, boolean firstInSentence, boolean trailingParallel,
              boolean beforeColon) {

    Clause {
        cues = Set.copyOf(cues);
        tokens = List.copyOf(tokens);
    }

    boolean has(Cue cue) {
        return cues.contains(cue);
    }

    /** The clause as written, for notes. */
    String text() {
        return tokens.stream().map(Token::text).collect(Collectors.joining(" "))
                .replace(" 's", "'s").replace(" n't", "n't").replace(" ,", ",");
    }
}
