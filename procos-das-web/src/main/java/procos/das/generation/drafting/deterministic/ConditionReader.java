package procos.das.generation.drafting.deterministic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import procos.das.generation.description.Condition;
import procos.das.generation.intent.Token;

/**
 * Reads a condition ("items are available", "the amount is over 1,000", "the customer accepts",
 * "approved", "there are errors", "not") into a variable and a comparison.
 */
final class ConditionReader {

    private static final Set<String> COPULAS = Set.of("be", "get", "become", "seem", "look", "remain", "stay");
    private static final Set<String> PRONOUNS = Set.of("it", "they", "this", "that", "these", "those", "he", "she",
            "everything", "all", "anything", "something", "someone", "one", "them");
    private static final Set<String> SKIPPED = Set.of("the", "a", "an", "any", "all", "some", "its", "their", "his", "her",
            "our", "your", "still", "fully", "really", "actually", "then", "also", "already", "yet", "indeed", "'s",
            "'", "is", "are", "was", "were", "be", "been", "does", "do", "did", "has", "have", "had", "will", "should");
    private static final Map<String, String[]> NOMINAL_OUTCOMES = Map.of(
            "rejection", new String[] {"approved", "false"}, "approval", new String[] {"approved", "true"},
            "acceptance", new String[] {"accepted", "true"}, "refusal", new String[] {"accepted", "false"},
            "success", new String[] {"", "true"}, "failure", new String[] {"", "false"});

    /** Reads "if …" clause words; {@code negate} for "unless". */
    ConditionPhrase read(List<Token> words, boolean negate) {
        ConditionPhrase phrase = readPositive(words);
        return negate ? phrase.negated() : phrase;
    }

    /** Reads "in case of …" words: a noun phrase naming what happened. */
    ConditionPhrase readNominal(List<Token> words) {
        List<Token> noun = ActionReader.nounPhrase(words, 0);
        String head = noun.isEmpty() ? words.get(words.size() - 1).lemma() : noun.get(noun.size() - 1).lemma();
        String[] outcome = NOMINAL_OUTCOMES.get(head);
        if (outcome != null) {
            Condition.Operator operator = outcome[1].equals("true") ? Condition.Operator.IS_TRUE : Condition.Operator.IS_FALSE;
            return new ConditionPhrase(outcome[0], outcome[0], "", operator, null, outcome[0].isEmpty());
        }
        String name = Words.snake(join(noun.isEmpty() ? words : noun)) + "_found";
        return new ConditionPhrase(name, name, join(noun), Condition.Operator.IS_TRUE, null, false);
    }

    private ConditionPhrase readPositive(List<Token> words) {
        boolean negated = words.stream().anyMatch(Grammar::isNegation);
        List<Token> kept = words.stream().filter(t -> !Grammar.isNegation(t) && !t.isPunctuation()).toList();
        if (kept.isEmpty()) {
            return new ConditionPhrase("", "", "", negated ? Condition.Operator.IS_FALSE : Condition.Operator.IS_TRUE, null, true);
        }
        String first = kept.get(0).lower();
        if (kept.size() <= 2 && Set.of("so", "yes", "ok", "okay", "true", "positive").contains(first)) {
            return flag("", "", negated, true);
        }
        if (first.equals("there") && kept.size() > 2) {
            List<Token> noun = ActionReader.nounPhrase(kept, 2);
            String thing = Words.snake(join(noun.isEmpty() ? kept.subList(2, kept.size()) : noun));
            return flag(thing + "_found", thing + "_found", negated, false);
        }
        ConditionPhrase comparison = comparison(kept, negated);
        if (comparison != null) {
            return comparison;
        }
        int verbAt = -1;
        for (int i = 0; i < kept.size(); i++) {
            Token token = kept.get(i);
            if ((token.is("AUX") || token.is("VERB")) && COPULAS.contains(token.lemma())) {
                return copula(kept.subList(0, i), kept.subList(i + 1, kept.size()), negated);
            }
            boolean nextIsVerb = i + 1 < kept.size() && (kept.get(i + 1).is("VERB")
                    || Grammar.isPresentAfterSubject(kept, 0, i + 1));
            if (verbAt < 0 && token.is("VERB") && i > 0 && !nextIsVerb) {
                // "the credit check fails": "check" belongs to the subject, "fails" is the verb.
                verbAt = i;
            } else if (verbAt < 0 && i > 0 && Grammar.isPresentAfterSubject(kept, 0, i) && !nextIsVerb) {
                verbAt = i;
            }
        }
        for (int i = 1; verbAt < 0 && i < kept.size(); i++) {
            Token token = kept.get(i);
            boolean followed = i + 1 >= kept.size() || Set.of("DET", "NOUN", "ADP", "PRON", "ADJ").contains(kept.get(i + 1).tag());
            if (token.lower().endsWith("s") && !token.lower().endsWith("ss") && token.is("NOUN")
                    && (kept.get(i - 1).is("NOUN") || kept.get(i - 1).is("PROPN")) && followed && i + 1 < kept.size()) {
                // "the sample fails inspection": a third-person verb the tagger took for a plural noun.
                verbAt = i;
            }
        }
        int last = kept.size() - 1;
        Token lastWord = kept.get(last);
        if (last > 0 && lastWord.lower().endsWith("s") && (lastWord.is("NOUN") || lastWord.is("VERB"))
                && (kept.get(last - 1).is("NOUN") || kept.get(last - 1).is("VERB")) && (verbAt < 0 || verbAt == last - 1)) {
            // "the credit check fails": a final third-person word after the subject is the verb, whatever its tag.
            verbAt = last;
        }
        if (verbAt > 0) {
            List<Token> subject = subject(kept.subList(0, verbAt));
            Token verb = kept.get(verbAt);
            String lemma = verb.is("VERB") && !verb.lemma().equals(verb.lower()) ? verb.lemma() : Grammar.stem(verb.lower());
            String participle = Words.participle(lemma);
            return named(subject, participle, negated);
        }
        // No verb: a bare outcome ("approved", "rejected by the manager", "valid") or a subject alone.
        List<Token> predicate = predicateWords(kept);
        return named(List.of(), Words.snake(join(predicate)), negated);
    }

    private ConditionPhrase copula(List<Token> subjectWords, List<Token> rest, boolean negated) {
        List<Token> predicate = predicateWords(rest);
        return named(subject(subjectWords), Words.snake(join(predicate)), negated);
    }

    /** The predicate's words up to a preposition that starts a new phrase ("approved by the manager" → approved). */
    private static List<Token> predicateWords(List<Token> words) {
        List<Token> predicate = new ArrayList<>();
        for (Token token : words) {
            if (SKIPPED.contains(token.lower())) {
                continue;
            }
            if (token.is("ADP") && !predicate.isEmpty() && !token.lower().equals("of")) {
                break;
            }
            if (token.is("ADP") || token.hasLetter()) {
                predicate.add(token);
            }
            if (predicate.size() == 3) {
                break;
            }
        }
        return predicate;
    }

    private ConditionPhrase named(List<Token> subject, String predicate, boolean negated) {
        String subjectText = Words.snake(join(subject));
        String outcome = predicate;
        boolean flipped = negated;
        String opposite = Lexicon.OPPOSITES.get(outcome);
        if (opposite != null) {
            outcome = opposite;
            flipped = !flipped;
        }
        boolean personOrPronoun = subject.isEmpty() || subject.stream().allMatch(t -> PRONOUNS.contains(t.lower())
                || Lexicon.PEOPLE.contains(t.lemma()));
        String variable = personOrPronoun || Lexicon.OUTCOME_WORDS.contains(predicate) || outcome.isEmpty()
                ? outcome : subjectText + "_" + outcome;
        if (variable.isEmpty()) {
            variable = subjectText;
        }
        return new ConditionPhrase(variable, outcome, personOrPronoun ? "" : join(subject),
                flipped ? Condition.Operator.IS_FALSE : Condition.Operator.IS_TRUE, null, false);
    }

    private static ConditionPhrase flag(String variable, String predicate, boolean negated, boolean refersBack) {
        return new ConditionPhrase(variable, predicate, "", negated ? Condition.Operator.IS_FALSE : Condition.Operator.IS_TRUE,
                null, refersBack);
    }

    /** "the amount is over 1,000", "the total exceeds $5000", "the score is 80 or more", "fewer than 3 items". */
    private ConditionPhrase comparison(List<Token> words, boolean negated) {
        for (int i = 0; i < words.size(); i++) {
            Number value = Words.amount(words.get(i).text());
            if (value == null || !words.get(i).is("NUM") && !words.get(i).text().matches(".*\\d.*")) {
                continue;
            }
            String operator = null;
            int subjectEnd = i;
            for (int j = i - 1; j >= 0 && j >= i - 4; j--) {
                String word = words.get(j).lower();
                String found = Lexicon.COMPARISONS.get(word);
                if (found == null) {
                    found = Lexicon.COMPARISONS.get(words.get(j).lemma());
                }
                if (found != null) {
                    operator = found;
                    subjectEnd = j;
                }
            }
            String next = i + 1 < words.size() ? words.get(i + 1).lower() : "";
            String nextAfter = i + 2 < words.size() ? words.get(i + 2).lower() : "";
            if (next.equals("or") && Set.of("more", "higher", "above", "greater", "over").contains(nextAfter)) {
                operator = "GE";
            } else if (next.equals("or") && Set.of("less", "lower", "below", "fewer", "under").contains(nextAfter)) {
                operator = "LE";
            }
            if (operator == null) {
                operator = "EQ";
            }
            List<Token> subjectWords = new ArrayList<>();
            for (Token token : words.subList(0, subjectEnd)) {
                boolean function = token.is("AUX") || token.is("DET") || token.is("ADP") || token.isPunctuation()
                        || token.is("SCONJ") || token.is("CCONJ") || token.is("PART") || token.is("PRON");
                if (!function && token.hasLetter() && !COPULAS.contains(token.lemma()) && !SKIPPED.contains(token.lower())
                        && !Lexicon.COMPARISONS.containsKey(token.lower())) {
                    subjectWords.add(token);
                }
            }
            if (subjectWords.isEmpty() && i + 1 < words.size()) {
                // "more than 3 items are missing", "over 500 euros": the counted noun names the variable.
                List<Token> counted = ActionReader.nounPhrase(words, i + 1);
                if (!counted.isEmpty() && !Set.of("eur", "euro", "usd", "dollar", "pound", "chf", "gbp", "percent", "%", "per")
                        .contains(counted.get(0).lemma().toLowerCase(Locale.ROOT))) {
                    subjectWords.addAll(counted);
                }
            }
            String variable = subjectWords.isEmpty() ? "amount" : Words.snake(join(subjectWords));
            ConditionPhrase phrase = new ConditionPhrase(variable, variable, join(subjectWords),
                    Condition.Operator.valueOf(operator), value, false);
            return negated ? phrase.negated() : phrase;
        }
        return null;
    }

    private static List<Token> subject(List<Token> words) {
        return words.stream().filter(t -> !SKIPPED.contains(t.lower()) && t.hasLetter()
                && (t.is("NOUN") || t.is("PROPN") || t.is("ADJ") || t.is("PRON") || t.is("NUM"))).toList();
    }

    static String join(List<Token> words) {
        return words.stream().map(Token::text).collect(Collectors.joining(" "));
    }
}
