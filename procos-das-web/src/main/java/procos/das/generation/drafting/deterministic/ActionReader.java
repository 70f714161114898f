package procos.das.generation.drafting.deterministic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import procos.das.generation.intent.TextAnalyzer;
import procos.das.generation.intent.Token;

/**
 * Reads the action of a clause: finds the verb (seeing through "need to", "have the manager …",
 * "ask the AI to …" and the passive), its object, who does it, and the modifiers that matter for a
 * process (deadline, wait, repetition, manual or automatic).
 */
final class ActionReader {

    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "this", "that", "these", "those", "my", "our",
            "your", "their", "his", "her", "its", "all", "any", "each", "some", "every", "both", "either", "another",
            "'s", "'", "whose", "such", "no");
    private static final Set<String> OBJECT_TAGS = Set.of("NOUN", "PROPN", "ADJ", "NUM", "X");
    private static final Set<String> SUBJECT_TAGS = Set.of("NOUN", "PROPN", "ADJ", "PRON", "NUM", "X");
    private static final int MAX_OBJECT_WORDS = 4;

    private final TextAnalyzer analyzer;

    ActionReader(TextAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The action of the clause, or {@code null} when it has no verb. */
    ActionPhrase read(List<Token> tokens) {
        List<Token> words = tokens;
        int verbAt = findVerb(words);
        if (verbAt < 0) {
            words = retaggedAsImperative(tokens);
            verbAt = findVerb(words);
            if (verbAt < 0 || !words.get(verbAt).is("VERB") || verbAt > 1 && !words.get(verbAt - 1).lower().equals("to")) {
                return null;
            }
        }
        List<Token> actor = new ArrayList<>();
        boolean aiActor = false;
        boolean machineActor = false;
        int subjectEnd = verbAt;
        // "have the manager approve it", "ask the AI to summarize": the verb after the causative is the step.
        Token first = words.get(verbAt);
        if (Lexicon.CAUSATIVE_VERBS.contains(first.lemma())) {
            // The person or party runs up to the next step verb: "have the communications lead review it".
            int next = verbAt + 2;
            while (next < words.size() && !isCausedVerb(words, next)) {
                next++;
            }
            List<Token> causee = next < words.size() ? words.subList(verbAt + 1, next) : List.of();
            if (!causee.isEmpty() && causee.stream().noneMatch(t -> t.isPunctuation() || t.is("ADP") && !t.lower().equals("to"))) {
                actor.addAll(content(causee.stream().filter(t -> !t.lower().equals("to")).toList()));
                verbAt = next;
            }
        }
        List<Token> subject = content(words.subList(0, subjectEnd));
        boolean passive = isPassive(words, verbAt);
        if (actor.isEmpty() && !passive) {
            actor.addAll(subject);
        }
        String verb = Grammar.verbLemma(words.get(verbAt));
        int after = verbAt + 1;
        if (after < words.size() && Lexicon.PHRASAL.contains(verb + " " + words.get(after).lower())) {
            verb = verb + " " + words.get(after).lower();
            after++;
        }
        boolean alternatives = false;
        if (after + 1 < words.size() && words.get(after).lower().equals("or") && Grammar.isVerbAt(words, after + 1)) {
            alternatives = true;
            after += 2;
        }
        List<Token> question = List.of();
        int questionAt = questionStart(words, after, verb);
        if (questionAt >= 0) {
            question = words.subList(questionAt, words.size());
        }
        List<Token> object = new ArrayList<>();
        boolean pronounObject = false;
        int at = skipDeterminers(words, after);
        if (question.isEmpty() && at < words.size() && words.get(at).is("PRON")
                && Lexicon.REFERRING_PRONOUNS.contains(words.get(at).lower())) {
            pronounObject = true;
        } else if (question.isEmpty()) {
            object.addAll(nounPhrase(words, at));
        }
        if (passive) {
            object = new ArrayList<>(subject);
            pronounObject = subject.isEmpty() || subject.stream().allMatch(t -> t.is("PRON"));
            if (pronounObject) {
                object.clear();
            }
            actor.addAll(byPhrase(words, verbAt));
        }
        int objectEnd = skipDeterminers(words, after) + (pronounObject ? 1 : object.size());
        if (!verb.contains(" ") && objectEnd < words.size() && (!object.isEmpty() || pronounObject)
                && Lexicon.PHRASAL.contains(verb + " " + words.get(objectEnd).lower())) {
            // "hand the parcel over", "fill the form in": the particle after the object still belongs to the verb.
            verb = verb + " " + words.get(objectEnd).lower();
        }
        List<Token> prepObject = object.isEmpty() && !pronounObject ? prepPhrase(words, after) : List.of();
        for (Token word : actor) {
            if (Lexicon.AI_ACTORS.contains(word.lower())) {
                aiActor = true;
            }
        }
        if (!aiActor && !actor.isEmpty() && actor.stream().allMatch(t -> Lexicon.MACHINE_ACTORS.contains(t.lower())
                || t.is("PRON") || t.is("ADJ") || t.is("NUM"))) {
            machineActor = true;
        }
        if (machineActor || aiActor) {
            actor.removeIf(t -> t.is("PRON"));
        }
        return new ActionPhrase(verb, object, pronounObject, prepObject, actor, machineActor, aiActor, question,
                alternatives, has(words, "manually", "by hand", "in person", "personally", "by phone"),
                has(words, "automatically", "automated"), negatedBefore(words, verbAt),
                after(words, "within"), waitBefore(words), times(words), has(words, "again"),
                isThirdPerson(words.get(verbAt)));
    }

    /** The verb after "ask the release manager to …": a step verb marked as a verb, after "to", or before its object. */
    private static boolean isCausedVerb(List<Token> words, int at) {
        Token token = words.get(at);
        if (!Lexicon.isActionVerb(token.lower()) && !Lexicon.isActionVerb(token.lemma())) {
            return false;
        }
        if (token.is("VERB") || words.get(at - 1).lower().equals("to")) {
            return true;
        }
        if (at + 1 >= words.size()) {
            return true;
        }
        Token next = words.get(at + 1);
        return next.is("DET") || next.is("PRON") || next.is("ADP") || next.isPunctuation();
    }

    private static boolean isThirdPerson(Token verb) {
        String word = verb.lower();
        return word.endsWith("s") && !word.endsWith("ss") && !word.equals(verb.lemma());
    }

    private List<Token> retaggedAsImperative(List<Token> tokens) {
        // Imperatives at the start of a clause are often tagged as nouns; with a subject in front the
        // tagger sees the verb. The added word is dropped again.
        String[] words = new String[tokens.size() + 1];
        words[0] = "You";
        for (int i = 0; i < tokens.size(); i++) {
            words[i + 1] = i == 0 ? tokens.get(i).lower() : tokens.get(i).text();
        }
        List<Token> tagged = analyzer.tag(words);
        return tagged.subList(1, tagged.size());
    }

    private static int findVerb(List<Token> words) {
        for (int i = 0; i < words.size(); i++) {
            if (!Grammar.isVerbAt(words, i)) {
                continue;
            }
            Token token = words.get(i);
            String lemma = Grammar.verbLemma(token);
            if (token.is("VERB") && !Lexicon.isActionVerb(lemma) && i + 1 < words.size() && Grammar.isVerbAt(words, i + 1)) {
                // "the department head signs": a noun the tagger took for a verb, right before the verb.
                continue;
            }
            boolean lightBeforeTo = Lexicon.LIGHT_VERBS.contains(lemma) && i + 2 < words.size()
                    && words.get(i + 1).lower().equals("to");
            if (lightBeforeTo) {
                continue;
            }
            if (lemma.equals("make") && i + 1 < words.size() && words.get(i + 1).lower().equals("sure")) {
                continue;
            }
            if (Lexicon.LIGHT_VERBS.contains(lemma) && !Lexicon.CAUSATIVE_VERBS.contains(lemma)
                    && i + 1 < words.size() && isLaterVerb(words, i + 1)) {
                continue;
            }
            return i;
        }
        return -1;
    }

    private static boolean isLaterVerb(List<Token> words, int from) {
        for (int i = from; i < words.size() && i < from + 3; i++) {
            if (Grammar.isVerbAt(words, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPassive(List<Token> words, int verbAt) {
        for (int i = verbAt - 1; i >= 0 && i >= verbAt - 3; i--) {
            Token token = words.get(i);
            if ((token.is("AUX") || token.is("VERB")) && (token.lemma().equals("be") || token.lemma().equals("get"))) {
                // "is approved", "gets sent"; "is sending" is progressive, not passive.
                return !words.get(verbAt).lower().endsWith("ing");
            }
            if (!token.is("ADV") && !token.is("PART") && !token.is("AUX")) {
                return false;
            }
        }
        return false;
    }

    /** "check if the items are available": where the question after the verb starts, or -1. */
    private static int questionStart(List<Token> words, int after, String verb) {
        if (!Lexicon.QUESTION_VERBS.contains(verb.split(" ")[0]) && !verb.equals("make")) {
            return -1;
        }
        for (int i = after; i < words.size() && i < after + 6; i++) {
            String word = words.get(i).lower();
            if (word.equals("if") || word.equals("whether") || word.equals("that") && (words.get(i).is("SCONJ") || i == after)) {
                return i + 1 < words.size() ? i + 1 : -1;
            }
            if (!words.get(i).is("ADP") && !words.get(i).is("DET") && !words.get(i).is("NOUN")
                    && !words.get(i).is("PROPN") && !words.get(i).is("PRON")) {
                return -1;
            }
        }
        return -1;
    }

    private static int skipDeterminers(List<Token> words, int at) {
        while (at < words.size() && (DETERMINERS.contains(words.get(at).lower()) || words.get(at).is("DET")
                || words.get(at).is("PRON") && !Lexicon.REFERRING_PRONOUNS.contains(words.get(at).lower())
                && words.get(at).lower().matches("my|our|your|their|his|her|its"))) {
            at++;
        }
        return at;
    }

    /** The content words of a noun phrase from {@code at}: adjectives, nouns, numbers; "'s" is skipped. */
    static List<Token> nounPhrase(List<Token> words, int at) {
        List<Token> phrase = new ArrayList<>();
        for (int i = at; i < words.size(); i++) {
            Token token = words.get(i);
            if (token.lower().equals("'s") || token.lower().equals("'") || DETERMINERS.contains(token.lower()) && phrase.isEmpty()) {
                continue;
            }
            boolean nextIsNoun = i + 1 < words.size() && (words.get(i + 1).is("NOUN") || words.get(i + 1).is("PROPN"));
            boolean atEnd = i + 1 >= words.size() || words.get(i + 1).is("ADP") || words.get(i + 1).isPunctuation();
            // Participles and tagger slips inside a noun phrase: "automated tests", "spare parts", "team lead".
            boolean modifier = token.is("VERB") && (nextIsNoun && (token.lower().endsWith("ed") || token.lower().endsWith("ing")
                    || !Lexicon.isActionVerb(token.lemma()))
                    || !phrase.isEmpty() && atEnd && !Lexicon.isActionVerb(token.lemma()) && !token.lower().endsWith("ing"));
            boolean noun = OBJECT_TAGS.contains(token.tag()) || modifier;
            if (!noun || OBJECT_TAGS.contains(token.tag()) && !phrase.isEmpty() && Grammar.isVerbAt(words, i)
                    && !token.is("NOUN") && !token.is("PROPN")) {
                break;
            }
            if (token.lower().equals("every") || token.lower().equals("each")) {
                break;
            }
            if (phrase.size() < MAX_OBJECT_WORDS && token.hasLetter()) {
                phrase.add(token);
            }
        }
        return phrase;
    }

    private static List<Token> content(List<Token> words) {
        List<Token> content = new ArrayList<>();
        for (Token token : words) {
            boolean nounTakenForVerb = token.is("VERB") && !Lexicon.isActionVerb(token.lemma()) && !content.isEmpty();
            if ((SUBJECT_TAGS.contains(token.tag()) || nounTakenForVerb) && !DETERMINERS.contains(token.lower()) && token.hasLetter()
                    && !Grammar.isNegation(token) && !Lexicon.LIGHT_VERBS.contains(token.lower())) {
                content.add(token);
            }
        }
        return content;
    }

    private static List<Token> byPhrase(List<Token> words, int verbAt) {
        for (int i = verbAt + 1; i < words.size(); i++) {
            if (words.get(i).lower().equals("by") && i + 1 < words.size() && !words.get(i + 1).lower().equals("hand")
                    && !words.get(i + 1).lower().equals("phone") && !words.get(i + 1).lower().equals("email")) {
                return nounPhrase(words, skipDeterminers(words, i + 1));
            }
        }
        return List.of();
    }

    private static List<Token> prepPhrase(List<Token> words, int after) {
        if (after < words.size() && words.get(after).is("ADP") && Set.of("to", "with", "for", "on", "about")
                .contains(words.get(after).lower())) {
            List<Token> phrase = nounPhrase(words, skipDeterminers(words, after + 1));
            if (!phrase.isEmpty()) {
                List<Token> withPreposition = new ArrayList<>();
                withPreposition.add(words.get(after));
                withPreposition.addAll(phrase);
                return withPreposition;
            }
        }
        return List.of();
    }

    private static boolean has(List<Token> words, String... phrases) {
        for (int i = 0; i < words.size(); i++) {
            for (String phrase : phrases) {
                if (Grammar.startsWith(words, i, phrase)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean negatedBefore(List<Token> words, int verbAt) {
        for (int i = Math.max(0, verbAt - 3); i < verbAt; i++) {
            if (Grammar.isNegation(words.get(i)) && !words.get(i).lower().equals("no")) {
                return true;
            }
        }
        return false;
    }

    private static TimeExpressions.Span after(List<Token> words, String preposition) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).lower().equals(preposition)) {
                int at = i + 1;
                while (at < words.size() && Set.of("the", "next", "a", "maximum", "max", "of").contains(words.get(at).lower())) {
                    at++;
                }
                TimeExpressions.Span span = TimeExpressions.durationAt(words, at);
                if (span != null) {
                    return span;
                }
            }
        }
        return null;
    }

    private static TimeExpressions.Span waitBefore(List<Token> words) {
        TimeExpressions.Span after = after(words, "after");
        if (after != null) {
            return after;
        }
        for (int i = 0; i < words.size(); i++) {
            TimeExpressions.Span span = TimeExpressions.durationAt(words, i);
            if (span != null && span.end() < words.size() && words.get(span.end()).lower().equals("later")) {
                return span;
            }
        }
        return null;
    }

    /** "up to 3 times", "at most three times", "3 attempts", "a maximum of 5 tries", "twice". */
    static Integer times(List<Token> words) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i).lower();
            if ((word.equals("twice") || word.equals("thrice")) && i > 0) {
                return Words.wholeNumber(word);
            }
            Integer count = Words.wholeNumber(word);
            if (count == null || i + 1 >= words.size() || word.equals("a") || word.equals("an")) {
                continue;
            }
            String unit = words.get(i + 1).lemma();
            if (unit.equals("time") || unit.equals("attempt") || unit.equals("try") || unit.equals("round")
                    || unit.equals("retry") || unit.equals("iteration") || unit.equals("cycle")) {
                return count;
            }
        }
        return null;
    }
}
