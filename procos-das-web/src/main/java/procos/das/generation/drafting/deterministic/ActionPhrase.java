package procos.das.generation.drafting.deterministic;

import java.util.List;
import procos.das.generation.intent.Token;

/**
 * What a clause says is done, by whom, to what.
 *
 * @param verb         the verb's lemma with its particle ("follow up")
 * @param object       the words of the direct object, determiners left out ("offer letter")
 * @param pronounObject whether the object is "it"/"them"/"this", to be resolved to what came before
 * @param prepObject   without a direct object, the prepositional phrase that names the target ("to manager")
 * @param actor        the words of who does it ("manager"), empty when not said or a machine
 * @param machineActor whether the text names a machine or "we" as the actor
 * @param aiActor      whether the text names a language model as the actor ("ask the AI to …")
 * @param question     for "check if/whether …", the words of the question
 * @param alternatives whether the verb comes with an alternative ("approves or rejects"): a decision
 * @param manual       "manually", "by hand": a person does it
 * @param automatic    "automatically": a machine does it
 * @param negated      "do not send …": an instruction not to do something
 * @param deadline     "within 4 hours"
 * @param waitBefore   "after 2 days", "2 days later": a wait before the step
 * @param times        "up to 3 times", "at most three attempts"
 * @param again        "again", "retry": a repetition of what came before
 * @param thirdPerson  the verb is written "packs", "reviews": someone named before does it
 */
record ActionPhrase(String verb, List<Token> object, boolean pronounObject, List<Token> prepObject, List<Token> actor,
                    boolean machineActor, boolean aiActor, List<Token> question, boolean alternatives, boolean manual,
                    boolean automatic, boolean negated, TimeExpressions.Span deadline, TimeExpressions.Span waitBefore,
                    Integer times, boolean again, boolean thirdPerson) {

    ActionPhrase {
        object = List.copyOf(object);
        prepObject = List.copyOf(prepObject);
        actor = List.copyOf(actor);
        question = List.copyOf(question);
    }

    ActionPhrase withObject(List<Token> resolved) {
        return new ActionPhrase(verb, resolved, false, prepObject, actor, machineActor, aiActor, question, alternatives,
                manual, automatic, negated, deadline, waitBefore, times, again, thirdPerson);
    }

    ActionPhrase withActor(List<Token> shared) {
        return new ActionPhrase(verb, object, pronounObject, prepObject, shared, machineActor, aiActor, question, alternatives,
                manual, automatic, negated, deadline, waitBefore, times, again, thirdPerson);
    }

    boolean hasHumanActor() {
        return !actor.isEmpty() && !machineActor && !aiActor;
    }
}
