package procos.das.generation.drafting.deterministic;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import procos.das.generation.intent.AnalyzedSentence;
import procos.das.generation.intent.Token;

/**
 * Cuts a sentence into clauses: at clause punctuation, at "and"/"but" before a new verb phrase, and
 * before subordinating connectives ("if", "when", "until", "otherwise", "then"); then takes the cue
 * phrases off the front of each clause. "Check if" and "verify whether" open a question, not a
 * condition, and "approves or rejects" is one decision, so neither is cut.
 */
final class ClauseSplitter {

    private static final Set<String> CLAUSE_PUNCTUATION = Set.of(",", ";", ":", "–", "—", "(", ")", "/");
    private static final Set<String> SENTENCE_END = Set.of(".", "!", "?");
    private static final Set<String> SUBORDINATORS = Set.of("if", "unless", "once", "when", "whenever", "while", "whilst",
            "until", "till", "otherwise", "else", "meanwhile", "then", "whereas", "afterwards");
    private static final Set<String> REPEATING_VERBS = Set.of("wait", "repeat", "retry", "loop", "iterate", "redo", "keep",
            "continue", "try", "hold");

    List<Clause> split(AnalyzedSentence sentence, int index) {
        List<List<Token>> pieces = new ArrayList<>();
        Set<Integer> beforeColon = new java.util.HashSet<>();
        List<Token> tokens = sentence.tokens();
        List<Token> current = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean last = i == tokens.size() - 1;
            if (token.isPunctuation() && (CLAUSE_PUNCTUATION.contains(token.text()) || SENTENCE_END.contains(token.text()))) {
                if (token.text().equals(":") && !current.isEmpty()) {
                    beforeColon.add(pieces.size());
                }
                flush(current, pieces);
                continue;
            }
            if (!current.isEmpty() && splitsBefore(tokens, i, current)) {
                flush(current, pieces);
            }
            if (!(last && token.isPunctuation())) {
                current.add(token);
            }
        }
        flush(current, pieces);
        return withCues(pieces, index, beforeColon);
    }

    private static void flush(List<Token> current, List<List<Token>> pieces) {
        if (!current.isEmpty()) {
            pieces.add(new ArrayList<>(current));
            current.clear();
        }
    }

    private static boolean splitsBefore(List<Token> tokens, int i, List<Token> current) {
        Token token = tokens.get(i);
        String word = token.lower();
        if (word.equals("and") || word.equals("but") || word.equals("&")) {
            return Grammar.startsVerbPhrase(tokens, i + 1);
        }
        if (word.equals("or")) {
            return Grammar.startsWith(tokens, i, "or else") || Grammar.startsWith(tokens, i, "or otherwise");
        }
        if (Grammar.startsWith(tokens, i, "so that") || Grammar.startsWith(tokens, i, "in order to")
                || word.equals("because")) {
            return true;
        }
        if (Cue.TRAILING_PARALLEL.stream().anyMatch(phrase -> Cue.matches(tokens, i, phrase))) {
            // "…, at the same time send X" opens a clause; "do A and B at the same time" ends one.
            return i + phrase(tokens, i) < tokens.size() && Grammar.startsVerbPhrase(tokens, i + phrase(tokens, i));
        }
        if (!SUBORDINATORS.contains(word)) {
            return false;
        }
        if ((word.equals("if") || word.equals("when")) && opensQuestion(current)) {
            return false;
        }
        if ((word.equals("until") || word.equals("till") || word.equals("when")) && repeats(current)) {
            return false;
        }
        if (word.equals("then") && current.stream().noneMatch(t -> t.is("VERB") || Lexicon.isActionVerb(t.lemma()))) {
            return false;
        }
        return true;
    }

    private static int phrase(List<Token> tokens, int i) {
        return Cue.TRAILING_PARALLEL.stream().filter(p -> Cue.matches(tokens, i, p)).mapToInt(List::size).max().orElse(0);
    }

    /** "check if …", "verify whether …": the verb asks a question the "if" opens. */
    private static boolean opensQuestion(List<Token> current) {
        Token previous = current.get(current.size() - 1);
        if (Lexicon.QUESTION_VERBS.contains(previous.lemma()) || Lexicon.QUESTION_VERBS.contains(previous.lower())) {
            return true;
        }
        // "check with the bank if …": a question verb with a prepositional phrase still opens the question.
        for (int i = current.size() - 1; i >= 0 && i >= current.size() - 5; i--) {
            Token token = current.get(i);
            if (Lexicon.QUESTION_VERBS.contains(token.lemma()) && i < current.size() - 1 && current.get(i + 1).is("ADP")) {
                return true;
            }
        }
        return false;
    }

    private static boolean repeats(List<Token> current) {
        return current.stream().anyMatch(t -> REPEATING_VERBS.contains(t.lemma()));
    }

    private static List<Clause> withCues(List<List<Token>> pieces, int sentence, Set<Integer> beforeColon) {
        List<Clause> clauses = new ArrayList<>();
        EnumSet<Cue> pending = EnumSet.noneOf(Cue.class);
        for (int p = 0; p < pieces.size(); p++) {
            List<Token> piece = pieces.get(p);
            int at = 0;
            EnumSet<Cue> cues = EnumSet.copyOf(pending.isEmpty() ? EnumSet.noneOf(Cue.class) : pending);
            while (at < piece.size()) {
                Cue.Match match = Cue.at(piece, at);
                if (match == null) {
                    break;
                }
                Cue cue = match.cue();
                int length = match.length();
                if (cue == Cue.OTHERWISE && piece.get(at).lower().equals("if") && at + length < piece.size()) {
                    // "if not approved" is a condition; only "if not" on its own means "otherwise".
                    cue = Cue.IF;
                    length = 1;
                }
                if (cue == Cue.THEN && at + length < piece.size() && Grammar.isVerbAt(piece, at)
                        && !piece.get(at).is("CCONJ") && !piece.get(at).is("ADV")) {
                    break;
                }
                if ((cue == Cue.WHEN || cue == Cue.IF) && at + length >= piece.size()) {
                    // A lone "when" or "if" with nothing after it is no connective.
                    break;
                }
                cues.add(cue);
                at += length;
            }
            List<Token> rest = piece.subList(at, piece.size());
            boolean trailing = false;
            for (List<String> phrase : Cue.TRAILING_PARALLEL) {
                if (rest.size() > phrase.size() && Cue.matches(rest, rest.size() - phrase.size(), phrase)) {
                    rest = rest.subList(0, rest.size() - phrase.size());
                    trailing = true;
                    break;
                }
            }
            if (rest.isEmpty()) {
                pending = cues;
                continue;
            }
            pending = EnumSet.noneOf(Cue.class);
            clauses.add(new Clause(cues, rest, sentence, clauses.isEmpty(), trailing, beforeColon.contains(p)));
        }
        return clauses;
    }
}
