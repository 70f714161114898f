package procos.das.generation.drafting.deterministic;

/** What one clause says, once read. */
sealed interface ClauseContent {

    /** Something is done. */
    record Action(ActionPhrase action) implements ClauseContent {
    }

    /** "if …", "when … is …", "in case of …". */
    record Decision(ConditionPhrase condition) implements ClauseContent {
    }

    /** "until …": the steps before repeat until it holds. */
    record Until(ConditionPhrase condition) implements ClauseContent {
    }

    /** "repeat", "retry up to 3 times", "repeat until approved". */
    record Repeat(Integer times, ConditionPhrase until, boolean previousStepOnly, ActionPhrase action) implements ClauseContent {
    }

    /** Something happens outside: "when the customer replies", "wait for the payment". */
    record Event(EventPhrase event) implements ClauseContent {
    }

    /** "every Monday at 6", possibly followed by the action it starts. */
    record Schedule(TimeExpressions.Span schedule, ActionPhrase action) implements ClauseContent {
    }

    /** "wait 2 days", "after two days", "a week later". */
    record Pause(TimeExpressions.Span period) implements ClauseContent {
    }

    /** "all within 4 hours": a deadline for the step before. */
    record Deadline(TimeExpressions.Span period) implements ClauseContent {
    }

    /** A connective with words that add no step ("after approval"). */
    record Connective() implements ClauseContent {
    }

    /** Words that could not be read as a step, with why. */
    record Unplaced(String text, String reason) implements ClauseContent {
    }
}
