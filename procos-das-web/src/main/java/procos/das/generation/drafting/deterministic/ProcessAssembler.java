package procos.das.generation.drafting.deterministic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import procos.das.generation.description.Condition;
import procos.das.generation.description.MessageWait;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.description.Task;
import procos.das.generation.description.Timer;
import procos.das.generation.description.Trigger;
import procos.das.generation.description.Wait;
import procos.das.generation.drafting.deterministic.StepDraft.BranchDraft;
import procos.das.generation.drafting.deterministic.StepDraft.ChoiceDraft;
import procos.das.generation.drafting.deterministic.StepDraft.LoopDraft;
import procos.das.generation.drafting.deterministic.StepDraft.ParallelDraft;
import procos.das.generation.intent.Token;

/**
 * Builds the block tree from the clauses, sentence by sentence. Open blocks are kept on a stack of
 * frames: a choice stays open into the next sentence only when that sentence goes on with
 * "otherwise" or another case of the same question; parallel blocks and escalation paths end with
 * their sentence. Every variable a choice or loop reads is attached to a task that runs before it.
 */
final class ProcessAssembler {

    private enum ParallelMode { BRANCH_PER_CLAUSE, APPEND, OPEN_NEXT_BRANCH }

    private sealed interface Frame permits ChoiceFrame, ParallelFrame, TimeoutFrame {
        List<StepDraft> target();
    }

    private static final class ChoiceFrame implements Frame {
        final ChoiceDraft choice;
        BranchDraft branch;
        final int sentence;

        ChoiceFrame(ChoiceDraft choice, BranchDraft branch, int sentence) {
            this.choice = choice;
            this.branch = branch;
            this.sentence = sentence;
        }

        @Override
        public List<StepDraft> target() {
            return branch.steps;
        }
    }

    private static final class ParallelFrame implements Frame {
        final ParallelDraft parallel;
        ParallelMode mode;

        ParallelFrame(ParallelDraft parallel, ParallelMode mode) {
            this.parallel = parallel;
            this.mode = mode;
        }

        @Override
        public List<StepDraft> target() {
            return parallel.branches.get(parallel.branches.size() - 1);
        }
    }

    private record TimeoutFrame(TaskDraft task) implements Frame {
        @Override
        public List<StepDraft> target() {
            return task.onTimeout;
        }
    }

    private final TaskFactory tasks;
    private final List<String> notes;
    private final List<StepDraft> main = new ArrayList<>();
    private final Deque<Frame> frames = new ArrayDeque<>();
    private Trigger trigger = Trigger.NONE;
    private String triggerSubject = "";
    private List<Token> lastObject = List.of();
    private ActionPhrase lastAction;
    /** The step the previous clause placed, for a condition that follows it ("ship it if it is in stock"). */
    private StepDraft lastPlaced;
    private int lastActionSentence = -1;
    private int sentence;

    ProcessAssembler(TaskFactory tasks, List<String> notes) {
        this.tasks = tasks;
        this.notes = notes;
    }

    /** Adds one sentence: its clauses and what each says, in order. */
    void sentence(List<Clause> clauses, List<ClauseContent> contents, int index) {
        sentence = index;
        if (clauses.isEmpty()) {
            return;
        }
        continueOrCloseChoices(clauses.get(0), contents.get(0));
        int groupEnd = parallelGroupEnd(clauses, contents);
        for (int i = 0; i < clauses.size(); i++) {
            Clause clause = clauses.get(i);
            int before = size(target());
            StepDraft placedBefore = lastPlaced;
            ClauseContent content = contents.get(i);
            ClauseContent next = i + 1 < contents.size() ? contents.get(i + 1) : null;
            Clause nextClause = i + 1 < clauses.size() ? clauses.get(i + 1) : null;
            if (clause.has(Cue.CLOSE)) {
                closeAll();
            }
            if (clause.has(Cue.OTHERWISE)) {
                otherwise(clause);
            }
            boolean inGroup = i <= groupEnd;
            if (content instanceof ClauseContent.Action action) {
                action(action.action(), clause, i, inGroup, next, nextClause);
            } else if (content instanceof ClauseContent.Decision decision) {
                decision(decision.condition(), clause, i, next, nextClause);
            } else if (content instanceof ClauseContent.Until until) {
                loop(until.condition(), null, false, clause);
            } else if (content instanceof ClauseContent.Repeat repeat) {
                repeat(repeat, clause);
            } else if (content instanceof ClauseContent.Event event) {
                event(event.event(), clause);
            } else if (content instanceof ClauseContent.Schedule schedule) {
                schedule(schedule, clause, i, inGroup, next, nextClause);
            } else if (content instanceof ClauseContent.Pause pause) {
                add(new StepDraft.Fixed(new Wait(waitName(pause.period()), Timer.duration(pause.period().value())), sentence));
            } else if (content instanceof ClauseContent.Deadline deadline) {
                deadline(deadline.period(), clause);
            } else if (content instanceof ClauseContent.Unplaced unplaced) {
                notes.add("Could not place \"" + unplaced.text() + "\": " + unplaced.reason() + ".");
            }
            lastPlaced = content instanceof ClauseContent.Action && lastPlaced == placedBefore && size(target()) > before
                    ? target().get(target().size() - 1) : content instanceof ClauseContent.Action ? lastPlaced : null;
            if (inGroup && i == groupEnd && frames.peek() instanceof ParallelFrame group
                    && group.mode == ParallelMode.BRANCH_PER_CLAUSE) {
                frames.pop();
            }
        }
        endSentence();
    }

    private static int size(List<StepDraft> steps) {
        return steps.size();
    }

    ProcessDescription finish(String name) {
        closeAll();
        List<String> roles = new ArrayList<>(new LinkedHashSet<>(roles(main)));
        return new ProcessDescription(name(name), tasks.domain(), roles, trigger, StepDraft.freeze(main));
    }

    private String name(String fallback) {
        if (trigger.kind() != Trigger.Kind.TIMER && trigger.name() != null && trigger.name().contains(" ")) {
            // "Order received" → "Order handling": the thing whose arrival starts the process names it.
            String state = trigger.name();
            return Words.sentenceCase(state.substring(0, state.lastIndexOf(' ')) + " handling");
        }
        if (!triggerSubject.isBlank()) {
            return Words.sentenceCase(triggerSubject + " handling");
        }
        List<TaskDraft> tasksInOrder = new ArrayList<>();
        collectBackwards(main, tasksInOrder);
        for (int i = tasksInOrder.size() - 1; i >= 0; i--) {
            if (!tasksInOrder.get(i).object.isBlank()) {
                return Words.sentenceCase(tasksInOrder.get(i).object + " handling");
            }
        }
        return fallback;
    }

    // ---- clause handlers ----

    private void action(ActionPhrase phrase, Clause clause, int index, boolean inGroup, ClauseContent next, Clause nextClause) {
        if (phrase.pronounObject() && !lastObject.isEmpty()) {
            phrase = phrase.withObject(lastObject);
        } else if (phrase.object().isEmpty() && phrase.prepObject().isEmpty() && phrase.question().isEmpty()
                && next instanceof ClauseContent.Action following && nextClause != null && nextClause.has(Cue.AND)
                && !following.action().object().isEmpty()) {
            // "pack and ship the goods": the object of the second verb is the first one's too.
            phrase = phrase.withObject(following.action().object());
        }
        if (phrase.actor().isEmpty() && !phrase.automatic() && phrase.thirdPerson() && lastAction != null
                && lastActionSentence == sentence && lastAction.hasHumanActor()) {
            // "the warehouse packs the parcel and ships it": the second verb has the first one's subject.
            phrase = phrase.withActor(lastAction.actor());
        }
        lastAction = phrase;
        lastActionSentence = sentence;
        if (phrase.negated()) {
            negative(phrase, clause);
            return;
        }
        if (phrase.waitBefore() != null) {
            add(new StepDraft.Fixed(new Wait(waitName(phrase.waitBefore()), Timer.duration(phrase.waitBefore().value())), sentence));
        }
        TaskDraft task = tasks.create(phrase, sentence);
        if (phrase.deadline() != null) {
            task.deadline = Timer.duration(phrase.deadline().value());
        }
        StepDraft step = task;
        if (phrase.times() != null && phrase.times() > 1) {
            ConditionPhrase success = outcome(task);
            step = new LoopDraft(question(success), List.of(task), success, phrase.times(), sentence);
        }
        place(step, clause, index, inGroup);
        lastPlaced = step;
        if (!phrase.object().isEmpty()) {
            lastObject = phrase.object();
        }
    }

    /** Puts a step where its cues say: beside the step before, in a new parallel branch, or next in line. */
    private void place(StepDraft step, Clause clause, int index, boolean inGroup) {
        Frame top = frames.peek();
        if (top instanceof ParallelFrame parallel && parallel.mode == ParallelMode.OPEN_NEXT_BRANCH) {
            parallel.parallel.newBranch().add(step);
            parallel.mode = ParallelMode.APPEND;
            return;
        }
        if (inGroup) {
            if (top instanceof ParallelFrame parallel && parallel.mode == ParallelMode.BRANCH_PER_CLAUSE) {
                parallel.parallel.newBranch().add(step);
            } else {
                ParallelDraft parallel = new ParallelDraft(sentence);
                parallel.newBranch().add(step);
                target().add(parallel);
                frames.push(new ParallelFrame(parallel, ParallelMode.BRANCH_PER_CLAUSE));
            }
            return;
        }
        boolean beside = clause.has(Cue.MEANWHILE) || clause.has(Cue.IN_PARALLEL) || clause.has(Cue.WHILE) && index > 0
                || clause.trailingParallel();
        if (clause.has(Cue.WHILE) && index == 0) {
            ParallelDraft parallel = new ParallelDraft(sentence);
            parallel.newBranch().add(step);
            target().add(parallel);
            frames.push(new ParallelFrame(parallel, ParallelMode.OPEN_NEXT_BRANCH));
            return;
        }
        if (beside) {
            List<StepDraft> target = target();
            if (target.isEmpty()) {
                notes.add("\"" + clause.text() + "\" is to run in parallel, but nothing comes before it; it runs in sequence.");
                target.add(step);
                return;
            }
            List<StepDraft> previous = clause.firstInSentence() && !clause.trailingParallel()
                    ? block(target) : lastStep(target);
            target.subList(target.size() - previous.size(), target.size()).clear();
            ParallelDraft parallel = new ParallelDraft(sentence);
            parallel.newBranch().addAll(previous);
            parallel.newBranch().add(step);
            target.add(parallel);
            frames.push(new ParallelFrame(parallel, ParallelMode.APPEND));
            return;
        }
        target().add(step);
    }

    private void decision(ConditionPhrase condition, Clause clause, int index, ClauseContent next, Clause nextClause) {
        TaskDraft last = lastTask(target());
        if (last != null && last.deadline != null && last.onTimeout.isEmpty() && speaksOfDeadline(clause)
                && target().get(target().size() - 1) == last) {
            // "if the manager does not respond in time": the escalation of the deadline just set.
            frames.push(new TimeoutFrame(last));
            return;
        }
        if (frames.peek() instanceof ChoiceFrame open && !clause.has(Cue.OTHERWISE) || clause.has(Cue.OTHERWISE)
                && frames.peek() instanceof ChoiceFrame) {
            ChoiceFrame frame = (ChoiceFrame) frames.peek();
            ConditionPhrase related = relatedCase(frame.choice, condition);
            if (related != null) {
                addCase(frame, related);
                return;
            }
        }
        boolean trailing = index > 0 && (next == null || nextClause.has(Cue.OTHERWISE)) && lastPlaced != null
                && !target().isEmpty() && target().get(target().size() - 1) == lastPlaced;
        StepDraft guarded = trailing ? target().remove(target().size() - 1) : null;
        ConditionPhrase bound = bind(condition, target());
        ChoiceDraft choice = new ChoiceDraft(question(bound), sentence);
        BranchDraft branch = new BranchDraft(label(bound), bound);
        choice.branches.add(branch);
        if (guarded != null) {
            branch.steps.add(guarded);
        }
        target().add(choice);
        frames.push(new ChoiceFrame(choice, branch, sentence));
        if (!bound.subject().isBlank() && bound.isBoolean()) {
            // "if items are available, ship them": what the condition is about is what "them" means next.
            lastObject = List.of(new Token(bound.subject(), "NOUN", bound.subject().toLowerCase()));
        }
    }

    private static boolean speaksOfDeadline(Clause clause) {
        List<Token> words = clause.tokens();
        for (int i = 0; i < words.size(); i++) {
            if (Grammar.startsWith(words, i, "in time") || Grammar.startsWith(words, i, "on time")
                    || Grammar.startsWith(words, i, "by then") || words.get(i).lemma().equals("deadline")
                    || Grammar.startsWith(words, i, "time runs out") || words.get(i).lemma().equals("overdue")) {
                return true;
            }
        }
        return false;
    }

    /** "otherwise": the default branch of the open choice, the escalation of a deadline, or the "no" of the step before. */
    private void otherwise(Clause clause) {
        while (frames.peek() instanceof ParallelFrame) {
            frames.pop();
        }
        if (frames.peek() instanceof ChoiceFrame frame) {
            if (frame.choice.defaultBranch() == null) {
                BranchDraft fallback = new BranchDraft(defaultLabel(frame.choice), null);
                frame.choice.branches.add(fallback);
                frame.branch = fallback;
                return;
            }
            notes.add("\"" + clause.text() + "\" is a second \"otherwise\" for \"" + frame.choice.question
                    + "\"; it is placed after that choice.");
            frames.pop();
            return;
        }
        List<StepDraft> target = target();
        StepDraft last = target.isEmpty() ? null : target.get(target.size() - 1);
        if (last instanceof TaskDraft task && task.deadline != null && task.onTimeout.isEmpty()) {
            frames.push(new TimeoutFrame(task));
            return;
        }
        if (last instanceof TaskDraft || last instanceof LoopDraft) {
            TaskDraft task = last instanceof TaskDraft t ? t : lastTask(((LoopDraft) last).body);
            ConditionPhrase yes = task == null ? null : outcome(task);
            if (yes != null) {
                ChoiceDraft choice = new ChoiceDraft(question(yes), sentence);
                choice.branches.add(new BranchDraft(label(yes), yes));
                BranchDraft fallback = new BranchDraft(defaultLabel(choice), null);
                choice.branches.add(fallback);
                target.add(choice);
                frames.push(new ChoiceFrame(choice, fallback, sentence));
                return;
            }
        }
        notes.add("\"" + clause.text() + "\" says \"otherwise\" without a condition or deadline before it; it runs in sequence.");
    }

    private void repeat(ClauseContent.Repeat repeat, Clause clause) {
        if (repeat.previousStepOnly() && repeat.action() != null && !repeat.action().object().isEmpty()
                && lastTask(target()) == null) {
            // "in case of errors, retry the import up to three times": nothing in this branch yet to repeat,
            // so the retry is a step of its own, repeated.
            TaskDraft retry = tasks.create(repeat.action(), sentence);
            target().add(retry);
        }
        loop(repeat.until(), repeat.times(), repeat.previousStepOnly(), clause);
    }

    private void loop(ConditionPhrase until, Integer times, boolean previousStepOnly, Clause clause) {
        List<StepDraft> target = target();
        List<StepDraft> body = previousStepOnly ? lastStep(target) : block(target);
        if (body.isEmpty()) {
            notes.add("\"" + clause.text() + "\" repeats something, but no step comes before it; it was left out.");
            return;
        }
        target.subList(target.size() - body.size(), target.size()).clear();
        ConditionPhrase condition;
        if (until != null) {
            condition = bind(until, body);
        } else {
            TaskDraft task = lastTask(body);
            condition = task == null ? null : outcome(task);
        }
        if (condition == null) {
            TaskDraft check = tasks.check(until, sentence);
            body = new ArrayList<>(body);
            body.add(check);
            condition = until;
        }
        if (times == null && until == null) {
            notes.add("\"" + clause.text() + "\" repeats without saying until when; it repeats until the last step succeeds.");
        }
        target.add(new LoopDraft(question(condition), body, condition, times, sentence));
    }

    private void event(EventPhrase event, Clause clause) {
        if (main.isEmpty() && frames.isEmpty() && trigger.kind() == Trigger.Kind.NONE && trigger.name() == null
                && sentence == 0 && clause.firstInSentence()) {
            triggerSubject = event.subject();
            trigger = event.namesMessage()
                    ? new Trigger(Trigger.Kind.MESSAGE, event.state(), null, event.message())
                    : new Trigger(Trigger.Kind.NONE, event.state(), null, null);
        } else if (target().isEmpty() || !(target().get(target().size() - 1) instanceof StepDraft.Fixed fixed
                && fixed.step() instanceof MessageWait waiting && waiting.message().equals(event.message()))) {
            add(new StepDraft.Fixed(new MessageWait(event.state(), event.message()), sentence));
        }
        if (!event.subject().isBlank()) {
            lastObject = List.of(new Token(event.subject(), "NOUN", event.subject().toLowerCase()));
        }
    }

    private void schedule(ClauseContent.Schedule schedule, Clause clause, int index, boolean inGroup, ClauseContent next,
                          Clause nextClause) {
        if (main.isEmpty() && frames.isEmpty() && trigger.kind() == Trigger.Kind.NONE && trigger.name() == null) {
            trigger = new Trigger(Trigger.Kind.TIMER, "Scheduled time reached", Timer.cycle(schedule.schedule().value()), null);
            if (schedule.schedule().assumption() != null) {
                notes.add("Schedule: " + schedule.schedule().assumption() + ".");
            }
        } else {
            notes.add("\"" + schedule.schedule().words() + "\" is a schedule, but only the start of a process can be"
                    + " scheduled; it was left out.");
        }
        if (schedule.action() != null) {
            action(schedule.action(), clause, index, inGroup, next, nextClause);
        }
    }

    private void deadline(TimeExpressions.Span period, Clause clause) {
        TaskDraft task = lastTask(target());
        if (task == null) {
            notes.add("\"" + clause.text() + "\" sets a deadline, but no step comes before it; it was left out.");
            return;
        }
        task.deadline = Timer.duration(period.value());
    }

    private void negative(ActionPhrase phrase, Clause clause) {
        TaskDraft contradicted = findTask(main, phrase.verb(), String.join(" ", phrase.object().stream().map(Token::text).toList()));
        if (contradicted != null) {
            notes.add("\"" + clause.text() + "\" contradicts the step \"" + contradicted.name
                    + "\"; the step is kept, please say which is meant.");
        } else {
            notes.add("\"" + clause.text() + "\" says what not to do; that is no step, so it was left out.");
        }
    }

    // ---- blocks and frames ----

    private List<StepDraft> target() {
        return frames.isEmpty() ? main : frames.peek().target();
    }

    private void add(StepDraft step) {
        target().add(step);
    }

    private void continueOrCloseChoices(Clause first, ClauseContent content) {
        while (!frames.isEmpty() && !(frames.peek() instanceof ChoiceFrame)) {
            frames.pop();
        }
        if (frames.isEmpty()) {
            return;
        }
        ChoiceFrame frame = (ChoiceFrame) frames.peek();
        boolean goesOn = first.has(Cue.OTHERWISE) && frame.choice.defaultBranch() == null
                || content instanceof ClauseContent.Decision decision && (relatedCase(frame.choice, decision.condition()) != null
                || readsOutcomeOf(lastTask(frame.branch.steps), decision.condition()));
        if (!goesOn) {
            closeAll();
        }
    }

    /** Whether the condition reads what the task decided: a choice after it nests in the branch that holds it. */
    private static boolean readsOutcomeOf(TaskDraft task, ConditionPhrase condition) {
        if (task == null) {
            return false;
        }
        if (condition.refersBack()) {
            return true;
        }
        return task.variables().stream().anyMatch(v -> v.equals(condition.variable()) || v.equals(condition.predicate())
                || !condition.predicate().isEmpty() && v.endsWith("_" + condition.predicate()));
    }

    private void endSentence() {
        while (!frames.isEmpty() && !(frames.peek() instanceof ChoiceFrame)) {
            frames.pop();
        }
    }

    private void closeAll() {
        frames.clear();
    }

    /** How far the clauses of a sentence are parallel branches ("in parallel, A, B and C", "A and B at the same time"). */
    private static int parallelGroupEnd(List<Clause> clauses, List<ClauseContent> contents) {
        long actions = contents.stream().filter(c -> c instanceof ClauseContent.Action).count();
        int start = 0;
        while (start < clauses.size() - 1 && !(contents.get(start) instanceof ClauseContent.Action)) {
            start++;
        }
        Clause first = clauses.get(start);
        if ((first.has(Cue.BOTH) || first.has(Cue.IN_PARALLEL)) && actions >= 2) {
            int end = start;
            for (int i = start + 1; i < clauses.size(); i++) {
                if (clauses.get(i).has(Cue.THEN) || clauses.get(i).has(Cue.CLOSE) || !(contents.get(i) instanceof ClauseContent.Action)) {
                    break;
                }
                end = i;
            }
            return end;
        }
        for (int i = 1; i < clauses.size(); i++) {
            if (clauses.get(i).trailingParallel()) {
                return i;
            }
        }
        return -1;
    }

    private void addCase(ChoiceFrame frame, ConditionPhrase condition) {
        for (BranchDraft branch : frame.choice.branches) {
            if (branch.condition != null && branch.condition.complements(condition) && frame.choice.defaultBranch() == null) {
                BranchDraft fallback = new BranchDraft(label(condition), null);
                frame.choice.branches.add(fallback);
                frame.branch = fallback;
                return;
            }
        }
        BranchDraft branch = new BranchDraft(label(condition), condition);
        int at = frame.choice.defaultBranch() == null ? frame.choice.branches.size()
                : frame.choice.branches.indexOf(frame.choice.defaultBranch());
        frame.choice.branches.add(at, branch);
        frame.branch = branch;
    }

    /** The condition as another case of the open choice, on the choice's own variable; {@code null} when unrelated. */
    private static ConditionPhrase relatedCase(ChoiceDraft choice, ConditionPhrase condition) {
        for (BranchDraft branch : choice.branches) {
            if (branch.condition == null) {
                continue;
            }
            String variable = branch.condition.variable();
            if (condition.refersBack() && branch.condition.isBoolean()) {
                return new ConditionPhrase(variable, variable, "", condition.operator(), null, false);
            }
            if (variable.equals(condition.variable()) || variable.equals(condition.predicate())
                    || !condition.predicate().isEmpty() && variable.endsWith("_" + condition.predicate())) {
                return condition.onVariable(variable);
            }
        }
        return null;
    }

    // ---- variables ----

    /**
     * The condition on a variable a step before it sets: one already set (by name, or by the outcome word
     * "approved" of "items_approved"), else attached to the nearest task before it, else set by a check
     * step put in front of it.
     */
    private ConditionPhrase bind(ConditionPhrase condition, List<StepDraft> scope) {
        List<TaskDraft> before = tasksBefore(scope);
        if (condition.refersBack() || condition.variable().isEmpty()) {
            TaskDraft nearest = before.isEmpty() ? null : before.get(0);
            if (nearest != null) {
                ConditionPhrase outcome = outcome(nearest);
                return condition.operator() == Condition.Operator.IS_FALSE ? outcome.negated() : outcome;
            }
            ConditionPhrase named = condition.onVariable("confirmed");
            insertCheck(named, scope);
            return named;
        }
        for (TaskDraft task : before) {
            for (String variable : task.variables()) {
                if (variable.equals(condition.variable())) {
                    task.keepDefault();
                    alsoOnEscalation(task, variable, condition.isBoolean());
                    return condition;
                }
            }
            if (condition.isBoolean()) {
                for (String variable : task.booleanVariables()) {
                    if (variable.equals(condition.predicate()) || variable.endsWith("_" + condition.predicate())) {
                        task.keepDefault();
                        alsoOnEscalation(task, variable, true);
                        return condition.onVariable(variable);
                    }
                }
            }
        }
        if (!before.isEmpty()) {
            before.get(0).attach(condition.variable(), condition.isBoolean());
            alsoOnEscalation(before.get(0), condition.variable(), condition.isBoolean());
            return condition;
        }
        insertCheck(condition, scope);
        return condition;
    }

    /**
     * When the task has a deadline, its escalation path runs instead of it and must set the variable
     * too — the person it escalates to decides, or the escalation step reports it — or the choice
     * after the task would read a variable that path never set.
     */
    private static void alsoOnEscalation(TaskDraft task, String variable, boolean yesNo) {
        if (task.deadline == null) {
            return;
        }
        for (int i = task.onTimeout.size() - 1; i >= 0; i--) {
            if (task.onTimeout.get(i) instanceof TaskDraft escalation) {
                escalation.attach(variable, yesNo);
                return;
            }
        }
    }

    private void insertCheck(ConditionPhrase condition, List<StepDraft> scope) {
        TaskDraft check = tasks.check(condition, sentence);
        scope.add(check);
        notes.add("Nothing before \"" + question(condition) + "\" says where " + condition.variable()
                + " comes from; the step \"" + check.name + "\" was added to find it out.");
    }

    /** The tasks that surely run before the end of {@code scope}, nearest first, then those of the enclosing blocks. */
    private List<TaskDraft> tasksBefore(List<StepDraft> scope) {
        List<TaskDraft> found = new ArrayList<>();
        collectBackwards(scope, found);
        if (scope == target()) {
            for (List<StepDraft> sequence : enclosingSequences()) {
                collectBackwards(sequence, found);
            }
        }
        return found;
    }

    /** The sequences that hold the open frames, innermost first, each up to (without) the block that is open. */
    private List<List<StepDraft>> enclosingSequences() {
        List<List<StepDraft>> sequences = new ArrayList<>();
        List<Frame> open = new ArrayList<>(frames);
        for (int i = 0; i < open.size(); i++) {
            List<StepDraft> parent = i + 1 < open.size() ? open.get(i + 1).target() : main;
            StepDraft block = blockOf(open.get(i));
            int at = parent.indexOf(block);
            if (at >= 0) {
                sequences.add(parent.subList(0, at));
            }
        }
        return sequences;
    }

    private static StepDraft blockOf(Frame frame) {
        if (frame instanceof ChoiceFrame choice) {
            return choice.choice;
        }
        return frame instanceof ParallelFrame parallel ? parallel.parallel : ((TimeoutFrame) frame).task();
    }

    private static void collectBackwards(List<StepDraft> sequence, List<TaskDraft> found) {
        for (int i = sequence.size() - 1; i >= 0; i--) {
            StepDraft step = sequence.get(i);
            if (step instanceof TaskDraft task) {
                found.add(task);
            } else if (step instanceof LoopDraft loop) {
                collectBackwards(loop.body, found);
            } else if (step instanceof ParallelDraft parallel) {
                parallel.branches.forEach(branch -> collectBackwards(branch, found));
            }
        }
    }

    /** A yes/no the task reports: its decision, or "<object>_<done>" ("card_charged") attached to it. */
    private static ConditionPhrase outcome(TaskDraft task) {
        List<String> yesNo = task.booleanVariables();
        String variable;
        if (!yesNo.isEmpty()) {
            variable = yesNo.get(yesNo.size() - 1);
            if (task.kind == Task.TaskKind.USER) {
                variable = yesNo.get(0);
            }
            task.keepDefault();
        } else {
            String verb = task.verb.split(" ")[0];
            String object = task.object.replaceAll("^(?i)(to|with|for|on|about|in|at|from) ", "");
            variable = Words.snake((object.isBlank() ? "" : lastWords(object, 2) + " ") + Words.participle(verb), 50);
            task.attach(variable, true);
        }
        return new ConditionPhrase(variable, variable, "", Condition.Operator.IS_TRUE, null, false);
    }

    private static String lastWords(String phrase, int count) {
        String[] words = phrase.split("\\s+");
        return String.join(" ", java.util.Arrays.copyOfRange(words, Math.max(0, words.length - count), words.length));
    }

    private List<StepDraft> block(List<StepDraft> target) {
        if (target.isEmpty()) {
            return List.of();
        }
        int from = target.size();
        while (from > 0 && target.get(from - 1).sentence() == sentence) {
            from--;
        }
        if (from == target.size()) {
            int previous = target.get(target.size() - 1).sentence();
            while (from > 0 && target.get(from - 1).sentence() == previous) {
                from--;
            }
        }
        return new ArrayList<>(target.subList(from, target.size()));
    }

    private static List<StepDraft> lastStep(List<StepDraft> target) {
        return target.isEmpty() ? List.of() : new ArrayList<>(List.of(target.get(target.size() - 1)));
    }

    private static TaskDraft lastTask(List<StepDraft> steps) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i) instanceof TaskDraft task) {
                return task;
            }
        }
        return null;
    }

    private static TaskDraft findTask(List<StepDraft> steps, String verb, String object) {
        for (StepDraft step : steps) {
            TaskDraft found = null;
            if (step instanceof TaskDraft task && task.verb.equals(verb)
                    && (object.isBlank() || task.object.equalsIgnoreCase(object))) {
                found = task;
            } else if (step instanceof ChoiceDraft choice) {
                found = choice.branches.stream().map(b -> findTask(b.steps, verb, object))
                        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            } else if (step instanceof ParallelDraft parallel) {
                found = parallel.branches.stream().map(b -> findTask(b, verb, object))
                        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            } else if (step instanceof LoopDraft loop) {
                found = findTask(loop.body, verb, object);
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Set<String> roles(List<StepDraft> steps) {
        Set<String> roles = new LinkedHashSet<>();
        for (StepDraft step : steps) {
            if (step instanceof TaskDraft task) {
                if (task.kind == Task.TaskKind.USER && task.role != null) {
                    roles.add(task.role);
                }
                roles.addAll(roles(task.onTimeout));
            } else if (step instanceof ChoiceDraft choice) {
                choice.branches.forEach(b -> roles.addAll(roles(b.steps)));
            } else if (step instanceof ParallelDraft parallel) {
                parallel.branches.forEach(b -> roles.addAll(roles(b)));
            } else if (step instanceof LoopDraft loop) {
                roles.addAll(roles(loop.body));
            }
        }
        return roles;
    }

    // ---- names ----

    static String question(ConditionPhrase condition) {
        String subject = Words.spaced(condition.variable());
        if (condition.isBoolean()) {
            return Words.sentenceCase(subject) + "?";
        }
        String comparison = switch (condition.operator()) {
            case GT -> "over";
            case GE -> "at least";
            case LT -> "under";
            case LE -> "at most";
            case NE -> "not";
            default -> "equal to";
        };
        return Words.sentenceCase(subject + " " + comparison + " " + condition.value()) + "?";
    }

    private static String label(ConditionPhrase condition) {
        if (condition.operator() == Condition.Operator.IS_TRUE) {
            return "yes";
        }
        if (condition.operator() == Condition.Operator.IS_FALSE) {
            return "no";
        }
        return question(condition).replace("?", "").toLowerCase();
    }

    private static String defaultLabel(ChoiceDraft choice) {
        if (choice.branches.size() == 1 && choice.branches.get(0).condition.isBoolean()) {
            return choice.branches.get(0).condition.operator() == Condition.Operator.IS_TRUE ? "no" : "yes";
        }
        return "otherwise";
    }

    private static String waitName(TimeExpressions.Span period) {
        return Words.sentenceCase(period.words() + " passed");
    }
}
