package procos.das.generation.drafting.deterministic;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import procos.das.generation.intent.Token;

/**
 * The connectives that join clauses, and the phrases that say them. A clause starts with any number
 * of cue phrases ("and then", "otherwise", "if", "at the same time"); the longest phrase wins.
 */
enum Cue {
    /** Sequence: "then", "next", "after that". */
    THEN("then", "and then", "after that", "afterwards", "afterward", "next", "subsequently", "first", "firstly",
            "second", "secondly", "third", "thirdly", "also", "after this", "once done", "when done",
            "once that is done", "when that is done", "once this is done", "when this is done", "as a next step",
            "later", "so"),
    /** Ends any open choice or parallel block: what follows happens in every case. */
    CLOSE("finally", "lastly", "in the end", "at the end", "in any case", "in both cases", "in all cases", "either way",
            "regardless", "whatever the outcome", "no matter what", "as a last step", "and finally", "then finally",
            "to finish", "to close"),
    OTHERWISE("otherwise", "else", "or else", "or", "failing that", "in all other cases", "in any other case",
            "if not", "if no", "if that fails", "if it fails", "if this fails", "if they do not", "if they don't",
            "if it does not", "if it doesn't", "if that is not the case", "if this is not the case", "if that's not the case",
            "if not so", "if the answer is no"),
    IF("if", "only if", "in case", "provided that", "as long as", "if and only if", "should"),
    UNLESS("unless", "except if", "except when"),
    IN_CASE_OF("in case of", "in the event of", "in the case of"),
    WHEN("when", "once", "as soon as", "whenever", "each time", "every time", "after", "the moment"),
    /** "upon", "on receipt of": what follows is a thing that arrives, even without a verb. */
    RECEIPT("upon", "on receipt of", "on arrival of", "on receiving", "upon receipt of", "on reception of"),
    WHILE("while", "whilst", "during"),
    /** "and", "but": joins clauses; the order stays as written. */
    AND("and", "but", "&", "and also"),
    /** The clause runs beside the step before it. */
    MEANWHILE("meanwhile", "in the meantime", "at the same time", "parallel to this", "in parallel to this",
            "in parallel with this", "alongside", "alongside this", "at the same time as this"),
    /** At the start of a sentence with several clauses: each runs beside the others; otherwise as {@link #MEANWHILE}. */
    IN_PARALLEL("in parallel", "simultaneously", "concurrently", "at once", "parallel", "all at once"),
    BOTH("both"),
    UNTIL("until", "till", "untill"),
    /** A reason, not a step: "so that the customer knows". */
    PURPOSE("so that", "in order to", "because", "since", "to make sure", "to ensure");

    /** Cues that mean "meanwhile" but can also stand at the end of a clause: "do A and B in parallel". */
    static final List<List<String>> TRAILING_PARALLEL = List.of(
            List.of("in", "parallel"), List.of("at", "the", "same", "time"), List.of("simultaneously"),
            List.of("concurrently"), List.of("at", "once"));

    private final List<List<String>> phrases;

    Cue(String... phrases) {
        this.phrases = Arrays.stream(phrases).map(p -> List.of(p.split(" "))).toList();
    }

    /** A cue phrase found at the start of some tokens. */
    record Match(Cue cue, int length) {
    }

    /** The longest cue phrase starting at token {@code at}, or {@code null}. */
    static Match at(List<Token> tokens, int at) {
        Match best = null;
        for (Cue cue : values()) {
            for (List<String> phrase : cue.phrases) {
                if (matches(tokens, at, phrase) && (best == null || phrase.size() > best.length())) {
                    best = new Match(cue, phrase.size());
                }
            }
        }
        return best;
    }

    static boolean matches(List<Token> tokens, int at, List<String> phrase) {
        if (at + phrase.size() > tokens.size()) {
            return false;
        }
        for (int i = 0; i < phrase.size(); i++) {
            if (!tokens.get(at + i).text().toLowerCase(Locale.ROOT).equals(phrase.get(i))) {
                return false;
            }
        }
        return true;
    }
}
