package procos.das.generation.drafting.deterministic;

import java.util.List;
import java.util.Set;
import procos.das.generation.intent.Token;

/** Questions about tokens that the clause splitter and the readers share: is this a verb, a noun phrase, a negation. */
final class Grammar {

    private Grammar() {
    }

    private static final Set<String> NOT_VERBS = Set.of("be", "will", "shall", "would", "could", "should", "may", "might",
            "can", "must");
    /** Words after which a listed verb is read as a verb whatever the tagger said. */
    private static final Set<String> VERB_CONTEXT = Set.of("to", "please", "then", "also", "and", "or", "manually",
            "automatically", "immediately", "must", "should", "will", "can", "shall", "need", "needs", "has", "have",
            "'ll", "always", "first", "directly", "promptly", "quickly", "finally", "just");
    private static final Set<String> NOUN_PHRASE_TAGS = Set.of("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART");

    /** Whether token {@code i} acts as a verb: tagged so, or a step verb where a verb belongs. */
    static boolean isVerbAt(List<Token> tokens, int i) {
        Token token = tokens.get(i);
        if (token.is("VERB")) {
            return !NOT_VERBS.contains(token.lemma());
        }
        if (token.is("AUX") || token.is("DET") || token.is("PRON") || token.isPunctuation() || token.is("ADP")) {
            return false;
        }
        if (!Lexicon.isActionVerb(token.lemma()) && !Lexicon.isActionVerb(token.lower())) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        Token previous = tokens.get(i - 1);
        return VERB_CONTEXT.contains(previous.lower()) || previous.is("AUX") || previous.isPunctuation();
    }

    /** The lemma to use for a verb token: the lemmatizer's, or the word itself when it took the verb for a noun. */
    static String verbLemma(Token token) {
        if (Lexicon.isActionVerb(token.lemma()) || token.is("VERB")) {
            return token.lemma();
        }
        return token.lower();
    }

    /**
     * Whether a verb phrase starts at {@code i}: a verb, or a short subject ("the manager") followed by one.
     * Adverbs and "then" in front are allowed.
     */
    static boolean startsVerbPhrase(List<Token> tokens, int i) {
        int at = i;
        while (at < tokens.size() && (tokens.get(at).is("ADV") && !Lexicon.isActionVerb(tokens.get(at).lower())
                || Cue.at(tokens, at) != null && Cue.at(tokens, at).cue() != Cue.BOTH && !isVerbAt(tokens, at))) {
            Cue.Match cue = Cue.at(tokens, at);
            at += cue == null ? 1 : cue.length();
        }
        if (at >= tokens.size()) {
            return false;
        }
        if (isVerbAt(tokens, at)) {
            return true;
        }
        for (int j = at, seen = 0; j < tokens.size() && seen < 5; j++, seen++) {
            Token token = tokens.get(j);
            if (token.is("VERB") && !NOT_VERBS.contains(token.lemma()) || token.is("AUX") && j > at) {
                return j > at;
            }
            if (!NOUN_PHRASE_TAGS.contains(token.tag())) {
                return false;
            }
        }
        return false;
    }

    /** Whether the token says "not": "not", "n't", "never", "no". */
    static boolean isNegation(Token token) {
        String lower = token.lower();
        return lower.equals("not") || lower.equals("n't") || lower.equals("never") || lower.equals("no");
    }

    /** Whether the tokens from {@code at} on start with the words of {@code phrase}. */
    static boolean startsWith(List<Token> tokens, int at, String phrase) {
        return Cue.matches(tokens, at, List.of(phrase.split(" ")));
    }
}
