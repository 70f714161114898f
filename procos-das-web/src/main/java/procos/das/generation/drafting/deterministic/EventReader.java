package procos.das.generation.drafting.deterministic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import procos.das.generation.intent.Token;

/**
 * Reads an event clause ("an order arrives", "a new employee is hired", "we receive an invoice",
 * "the customer replies", "the customer's payment") into a state name and a message name.
 */
final class EventReader {

    private static final Set<String> MESSAGE_WORDS = Set.of("message", "event", "webhook", "signal", "notification", "callback");
    private static final Set<String> SKIPPED_SUBJECTS = Set.of("we", "you", "i", "someone", "somebody", "anyone", "they", "us");

    /** Whether the words read as an event rather than a state: a verb of happening, not "is low". */
    static boolean isEvent(List<Token> words) {
        for (int i = 0; i < words.size(); i++) {
            Token token = words.get(i);
            if (token.is("AUX") && token.lemma().equals("be")) {
                // "is received", "are submitted": a passive event; "is low", "is over 500": a state.
                return i + 1 < words.size() && words.get(i + 1).is("VERB") && !Lexicon.OUTCOME_WORDS.contains(words.get(i + 1).lower());
            }
            if (token.is("VERB") || Lexicon.ARRIVAL_VERBS.contains(token.lemma()) && i > 0
                    || Lexicon.EVENT_NOUNS.containsKey(token.lemma()) && i > 0 && !words.get(i - 1).is("DET")
                    && token.lower().endsWith("s") || Grammar.isPresentAfterSubject(words, 0, i)) {
                // "the customer replies": the tagger may read the verb as a plural noun.
                return true;
            }
        }
        return false;
    }

    /** "the payment is confirmed": a passive verb, even one that can also name an outcome. */
    static boolean isPassiveEvent(List<Token> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).is("AUX") && words.get(i).lemma().equals("be") && words.get(i + 1).is("VERB")) {
                return true;
            }
        }
        return false;
    }

    EventPhrase read(List<Token> words) {
        boolean namesMessage = words.stream().anyMatch(t -> MESSAGE_WORDS.contains(t.lemma()));
        if (namesMessage) {
            EventPhrase named = namedMessage(words);
            if (named != null) {
                return named;
            }
        }
        int verbAt = -1;
        boolean passive = false;
        for (int i = 0; i < words.size(); i++) {
            Token token = words.get(i);
            if (token.is("AUX") && token.lemma().equals("be") && i + 1 < words.size()) {
                passive = true;
                continue;
            }
            if (token.is("VERB") || Lexicon.ARRIVAL_VERBS.contains(token.lemma()) || Lexicon.EVENT_NOUNS.containsKey(token.lemma())
                    && i > 0 && !words.get(i - 1).is("DET")) {
                verbAt = i;
                break;
            }
        }
        if (verbAt < 0) {
            // "the customer's reply", "payment": a thing that arrives.
            List<Token> thing = content(words);
            String name = ConditionReader.join(thing);
            return new EventPhrase(Words.sentenceCase(name + " received"), Words.snake(name), name, namesMessage);
        }
        List<Token> subject = content(words.subList(0, verbAt));
        subject.removeIf(t -> SKIPPED_SUBJECTS.contains(t.lower()));
        String lemma = words.get(verbAt).lemma();
        String participle = passive ? words.get(verbAt).lower() : Words.participle(lemma);
        int after = verbAt + 1;
        if (after < words.size() && Lexicon.PHRASAL.contains(lemma + " " + words.get(after).lower())
                || after < words.size() && words.get(after).lower().equals("in") && lemma.equals("come")) {
            after++;
        }
        List<Token> object = ActionReader.nounPhrase(words, skipDeterminers(words, after));
        object.removeIf(t -> t.is("PRON"));
        if (Lexicon.ARRIVAL_VERBS.contains(lemma)) {
            participle = "received";
        }
        boolean personSubject = subject.isEmpty() || subject.stream().allMatch(t -> Lexicon.PEOPLE.contains(t.lemma()));
        if (!passive && !object.isEmpty() && (personSubject || Lexicon.ARRIVAL_VERBS.contains(lemma))) {
            // "we receive an invoice", "the customer places an order": the thing is what the event is about.
            String thing = ConditionReader.join(object);
            return new EventPhrase(Words.sentenceCase(thing + " " + participle), Words.snake(thing), thing, namesMessage);
        }
        String who = ConditionReader.join(subject);
        String noun = Lexicon.EVENT_NOUNS.get(lemma);
        if (!passive && noun != null && !Lexicon.ARRIVAL_VERBS.contains(lemma)) {
            String thing = (who.isEmpty() ? "" : who + " ") + noun;
            return new EventPhrase(Words.sentenceCase(thing + " received"), Words.snake(thing), who, namesMessage);
        }
        String state = (who.isEmpty() ? "" : who + " ") + participle;
        // What arrives is named by itself ("passport"), so "wait for the passport" and "when the passport arrives" agree.
        String message = Words.snake(who.isEmpty() ? participle : participle.equals("received") ? who : who + " " + participle);
        return new EventPhrase(Words.sentenceCase(state), message, who, namesMessage);
    }

    /** "the payment_received message", "an order created event": the words before the message word name it. */
    private static EventPhrase namedMessage(List<Token> words) {
        for (int i = 1; i < words.size(); i++) {
            if (MESSAGE_WORDS.contains(words.get(i).lemma())) {
                List<Token> name = new ArrayList<>();
                for (int j = i - 1; j >= 0 && (words.get(j).is("NOUN") || words.get(j).is("PROPN") || words.get(j).is("ADJ")
                        || words.get(j).is("VERB") || words.get(j).is("X")); j--) {
                    name.add(0, words.get(j));
                }
                String message = Words.snake(ConditionReader.join(name));
                if (!message.isEmpty()) {
                    String state = Words.sentenceCase(Words.spaced(message));
                    return new EventPhrase(state.contains(" ") ? state : state + " received", message, Words.spaced(message), true);
                }
            }
        }
        return null;
    }

    private static int skipDeterminers(List<Token> words, int at) {
        while (at < words.size() && (words.get(at).is("DET") || words.get(at).lower().matches("their|our|his|her|its|my|your"))) {
            at++;
        }
        return at;
    }

    private static List<Token> content(List<Token> words) {
        List<Token> content = new ArrayList<>();
        for (Token token : words) {
            if ((token.is("NOUN") || token.is("PROPN") || token.is("ADJ") || token.is("PRON")) && token.hasLetter()
                    && !token.lower().equals("'s") && !Set.of("new", "a", "an", "the").contains(token.lower())
                    && !Lexicon.REFERRING_PRONOUNS.contains(token.lower())) {
                content.add(token);
            }
        }
        return content;
    }
}
