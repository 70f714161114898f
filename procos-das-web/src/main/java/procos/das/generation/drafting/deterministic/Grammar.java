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
        if (!Lexicon.isActionVerb(token.lemma()) && !Lexicon.isActionVerb(token.lower())
                && !Lexicon.isActionVerb(stem(token.lower()))) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        Token previous = tokens.get(i - 1);
        return VERB_CONTEXT.contains(previous.lower()) || previous.is("AUX") || previous.isPunctuation()
                || isPresentAfterSubject(tokens, 0, i);
    }

    /**
     * "a recruiter reviews the CV", "the warehouse packs it": the tagger often reads a third-person verb
     * after a noun as a plural noun. It is the verb when all words before it form a noun phrase and a
     * determiner, pronoun, number, particle or preposition follows.
     */
    static boolean isPresentAfterSubject(List<Token> tokens, int from, int i) {
        Token token = tokens.get(i);
        if (!token.lower().endsWith("s") || token.lower().equals(token.lemma()) && !Lexicon.isActionVerb(stem(token.lower()))) {
            return false;
        }
        if (i <= from) {
            return false;
        }
        for (int j = from; j < i; j++) {
            Token before = tokens.get(j);
            if (!(before.is("DET") || before.is("ADJ") || before.is("NOUN") || before.is("PROPN") || before.is("NUM")
                    || before.lower().equals("'s") || before.is("VERB") && !Lexicon.isActionVerb(before.lemma()) && j > from)) {
                return false;
            }
        }
        if (!tokens.get(i - 1).is("NOUN") && !tokens.get(i - 1).is("PROPN") && !tokens.get(i - 1).is("VERB")) {
            return false;
        }
        if (i + 1 >= tokens.size()) {
            return true;
        }
        Token next = tokens.get(i + 1);
        return next.is("DET") || next.is("PRON") || next.is("NUM") || next.is("ADP") || next.is("ADV") || next.is("PART")
                || next.is("ADJ") || next.is("VERB") && (next.lower().endsWith("ing") || next.lower().endsWith("ed"));
    }

    /** "reviews" → "review", "assesses" → "assess", "applies" → "apply". */
    static String stem(String word) {
        if (word.endsWith("ies") && word.length() > 4) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if ((word.endsWith("sses") || word.endsWith("shes") || word.endsWith("ches") || word.endsWith("xes"))) {
            return word.substring(0, word.length() - 2);
        }
        return word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1) : word;
    }

    /** The lemma to use for a verb token: the lemmatizer's, or the word itself when it took the verb for a noun. */
    static String verbLemma(Token token) {
        if (Lexicon.isActionVerb(token.lemma())) {
            return token.lemma();
        }
        String stem = stem(token.lower());
        if (Lexicon.isActionVerb(token.lower()) || !Lexicon.isActionVerb(stem) && token.is("VERB")) {
            return token.is("VERB") && !Lexicon.isActionVerb(token.lower()) ? token.lemma() : token.lower();
        }
        return Lexicon.isActionVerb(stem) ? stem : token.lower();
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
            if (token.is("VERB") && !NOT_VERBS.contains(token.lemma()) || token.is("AUX") && j > at
                    || isPresentAfterSubject(tokens, at, j)) {
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
