package procos.das.generation.drafting.deterministic;

import java.util.List;
import java.util.Set;
import procos.das.generation.intent.TextAnalyzer;
import procos.das.generation.intent.Token;

/** Decides what a clause says, from its cues and words, and reads it with the matching reader. */
final class ClauseReader {

    private static final Set<String> REPEAT_VERBS = Set.of("repeat", "retry", "redo", "iterate", "loop", "reattempt");
    private static final Set<String> DEADLINE_VERBS = Set.of("happen", "be", "do", "complete", "finish", "take", "occur",
            "end", "close");

    private final ActionReader actions;
    private final ConditionReader conditions = new ConditionReader();
    private final EventReader events = new EventReader();

    ClauseReader(TextAnalyzer analyzer) {
        this.actions = new ActionReader(analyzer);
    }

    /** @param opensIntent whether the clause is the very first: a "when" there says how the process starts */
    ClauseContent read(Clause clause, boolean opensIntent) {
        List<Token> words = clause.tokens();
        if (isLeadIn(clause)) {
            return new ClauseContent.Unplaced(clause.text(), "it reads as a title or lead-in, not a step");
        }
        if (clause.has(Cue.PURPOSE)) {
            return new ClauseContent.Unplaced(clause.text(), "it gives a reason, not a step");
        }
        if (clause.has(Cue.IN_CASE_OF)) {
            return new ClauseContent.Decision(conditions.readNominal(words));
        }
        if (clause.has(Cue.IF) || clause.has(Cue.UNLESS)) {
            return new ClauseContent.Decision(conditions.read(words, clause.has(Cue.UNLESS)));
        }
        if (clause.has(Cue.UNTIL)) {
            return new ClauseContent.Until(conditions.read(words, false));
        }
        TimeExpressions.Span period = TimeExpressions.durationAt(words, 0);
        if (period != null && (onlyTime(words, period) || period.end() < words.size()
                && Set.of("after", "later").contains(words.get(period.end()).lower()) && actions.read(words) == null)) {
            return new ClauseContent.Pause(period);
        }
        if (clause.has(Cue.RECEIPT)) {
            return new ClauseContent.Event(events.read(words));
        }
        if (clause.has(Cue.WHEN)) {
            if (isBareOutcome(words)) {
                // "once approved": the outcome of the step before, as "if approved" says it.
                return new ClauseContent.Decision(conditions.read(words, false));
            }
            if (EventReader.isEvent(words) || opensIntent && EventReader.isPassiveEvent(words)) {
                return new ClauseContent.Event(events.read(words));
            }
            if (hasCopula(words)) {
                return new ClauseContent.Decision(conditions.read(words, false));
            }
            return new ClauseContent.Connective();
        }
        TimeExpressions.Span schedule = TimeExpressions.schedule(words);
        if (schedule != null) {
            List<Token> rest = words.subList(schedule.end(), words.size());
            ActionPhrase action = rest.isEmpty() ? null : actions.read(rest);
            if (action == null && schedule.start() > 0) {
                action = actions.read(words.subList(0, schedule.start()));
            }
            return new ClauseContent.Schedule(schedule, action);
        }
        ActionPhrase action = actions.read(words);
        if (action == null) {
            TimeExpressions.Span deadline = within(words);
            if (deadline != null) {
                return new ClauseContent.Deadline(deadline);
            }
            return new ClauseContent.Unplaced(clause.text(), "no verb says what is done");
        }
        String verb = action.verb();
        if (verb.equals("wait")) {
            TimeExpressions.Span wait = TimeExpressions.findDuration(words, 0);
            if (wait != null) {
                return new ClauseContent.Pause(wait);
            }
            return new ClauseContent.Event(events.read(afterWaitWords(words)));
        }
        if (REPEAT_VERBS.contains(verb) || verb.equals("try") && action.again()) {
            int until = indexOf(words, "until");
            ConditionPhrase condition = until >= 0 && until + 1 < words.size()
                    ? conditions.read(words.subList(until + 1, words.size()), false) : null;
            boolean previousOnly = !verb.equals("repeat") && !verb.equals("iterate") && !verb.equals("loop")
                    || action.again() && condition == null;
            return new ClauseContent.Repeat(action.times(), condition, previousOnly, action);
        }
        if (DEADLINE_VERBS.contains(verb) && action.deadline() != null && action.object().isEmpty()) {
            return new ClauseContent.Deadline(action.deadline());
        }
        return new ClauseContent.Action(action);
    }

    /** "Onboarding for new hires:", "The steps:": a noun phrase before a colon announces what follows. */
    private static boolean isLeadIn(Clause clause) {
        if (!clause.beforeColon() || !clause.cues().isEmpty()) {
            return false;
        }
        Token first = clause.tokens().get(0);
        boolean gerund = first.lower().endsWith("ing") && (clause.tokens().size() == 1 || !clause.tokens().get(1).is("DET"));
        return gerund || first.is("DET") || first.is("ADJ") || first.is("PROPN")
                || first.is("NOUN") && !Lexicon.isActionVerb(first.lower());
    }

    private static boolean onlyTime(List<Token> words, TimeExpressions.Span period) {
        for (int i = 0; i < words.size(); i++) {
            if (i >= period.start() && i < period.end()) {
                continue;
            }
            String word = words.get(i).lower();
            if (!Set.of("later", "have", "has", "passed", "elapsed", "gone", "by", "after", "another", "more", "of", "wait",
                    "waiting", "for", "pass", "elapse").contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBareOutcome(List<Token> words) {
        return words.size() <= 3 && words.stream().anyMatch(t -> Lexicon.OUTCOME_WORDS.contains(t.lower())
                || Lexicon.OPPOSITES.containsKey(t.lower()))
                && words.stream().noneMatch(t -> t.is("NOUN") || t.is("PROPN") || t.is("PRON"));
    }

    private static boolean hasCopula(List<Token> words) {
        return words.stream().anyMatch(t -> t.lemma().equals("be") || t.lemma().equals("exceed"));
    }

    private static TimeExpressions.Span within(List<Token> words) {
        int at = indexOf(words, "within");
        return at < 0 ? null : TimeExpressions.durationAt(words, at + 1);
    }

    /** "wait for the customer's reply" → "the customer's reply"; "wait until the customer replies" → "the customer replies". */
    private static List<Token> afterWaitWords(List<Token> words) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i).lower();
            if (word.equals("for") || word.equals("until") || word.equals("till") || word.equals("on")) {
                List<Token> rest = words.subList(i + 1, words.size());
                // "wait for the customer to sign": the infinitive is the event.
                int to = indexOf(rest, "to");
                if (to > 0 && to + 1 < rest.size()) {
                    List<Token> joined = new java.util.ArrayList<>(rest.subList(0, to));
                    joined.addAll(rest.subList(to + 1, rest.size()));
                    return joined;
                }
                return rest;
            }
        }
        return words;
    }

    private static int indexOf(List<Token> words, String word) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).lower().equals(word)) {
                return i;
            }
        }
        return -1;
    }
}
