package procos.das.generation.description;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rule of {@link DescriptionChecker}, each naming the exact path of the problem. */
class DescriptionCheckerTest {

    private static final Task SHIP = Task.service("Ship items", PdeType.GENERAL_PURPOSE, "orders.ship", List.of());

    private static ProcessDescription process(Step... steps) {
        return new ProcessDescription("Order fulfilment", "orders", List.of("clerk"), Trigger.NONE, List.of(steps));
    }

    private static List<String> problems(Step... steps) {
        return DescriptionChecker.problems(process(steps));
    }

    private static Task checkStock(String... outputs) {
        return Task.service("Check stock", PdeType.INTEGRATION, "orders.check_stock", List.of(outputs));
    }

    private static Task review(FormField... form) {
        return Task.user("Review order", "manager", List.of(form));
    }

    private static FormField bool(String id) {
        return new FormField(id, null, FormField.FieldType.BOOLEAN, List.of());
    }

    private static Branch branch(String label, Condition condition, Step... steps) {
        return new Branch(label, condition, List.of(steps));
    }

    private static Task withDeadline(Task task, Timer deadline, Step... onTimeout) {
        return new Task(task.name(), task.kind(), task.role(), task.pdeType(), task.taskType(), task.form(), task.outputs(),
                deadline, List.of(onTimeout));
    }

    @Test
    void wellFormedDescriptionHasNoProblems() {
        assertThat(problems(checkStock("in_stock"),
                new Choice("In stock?", List.of(branch("yes", Condition.isTrue("in_stock"), SHIP), branch("no", null))),
                new Loop("Correct?", List.of(review(bool("correct"))), Condition.isTrue("correct"), 5),
                new Wait("Two days passed", Timer.duration("P2D")), new MessageWait(null, "customer_reply"))).isEmpty();
    }

    @Test
    void nameIsRequiredAndAtMost120Characters() {
        assertThat(DescriptionChecker.problems(new ProcessDescription(" ", null, null, null, List.of(SHIP))))
                .containsExactly("$.name: missing");
        assertThat(DescriptionChecker.problems(new ProcessDescription("x".repeat(121), null, null, null, List.of(SHIP))))
                .containsExactly("$.name: longer than 120 characters");
    }

    @Test
    void processNeedsAtLeastOneStep() {
        assertThat(problems()).containsExactly("$.steps: a process needs at least one step");
    }

    @Test
    void atMost200StepsInAll() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            steps.add(SHIP);
        }
        assertThat(problems(steps.toArray(Step[]::new))).containsExactly("$.steps: the process has 201 steps in all, more than 200");
    }

    @Test
    void nestingDeeperThanEightLevelsIsAProblem() {
        Step nested = SHIP;
        for (int i = 0; i < 8; i++) {
            nested = new Parallel(List.of(branch("a", null, nested), branch("b", null)));
        }
        assertThat(problems(nested)).containsExactly("$.steps[0]" + ".branches[0].steps[0]".repeat(8)
                + ": nested more than 8 levels deep");
    }

    @Test
    void taskNeedsNameAndKind() {
        assertThat(problems(new Task(null, null, null, null, null, null, null, null, null)))
                .containsExactly("$.steps[0].name: missing", "$.steps[0].kind: missing (user or service)");
    }

    @Test
    void userTaskNeedsARoleThatIsAnIdentifier() {
        assertThat(problems(Task.user("Review order", null, List.of()))).containsExactly(
                "$.steps[0].role: a user task needs the role that does it");
        assertThat(problems(Task.user("Review order", "Sales Team", List.of()))).containsExactly(
                "$.steps[0].role: 'Sales Team' is not a role (lowercase letters, digits, _ or -, such as manager)");
        assertThat(problems(Task.user("Review order", "a,b", List.of()))).hasSize(1);
    }

    @Test
    void rolesListedForTheProcessAreIdentifiers() {
        assertThat(DescriptionChecker.problems(new ProcessDescription("Orders", null, List.of("clerk", "${x}"), null, List.of(SHIP))))
                .containsExactly("$.roles[1]: '${x}' is not a role (lowercase letters, digits, _ or -, such as manager)");
    }

    @Test
    void serviceTaskNeedsAValidTaskTypeAndPdeType() {
        assertThat(problems(Task.service("Ship", null, null, List.of()))).containsExactly(
                "$.steps[0].pdeType: a service task needs a PDE type (general_purpose, ai, integration or meta)",
                "$.steps[0].taskType: a service task needs a task type (such as mail.send)");
        assertThat(problems(Task.service("Ship", PdeType.AI, "Orders.Ship", List.of()))).containsExactly(
                "$.steps[0].taskType: 'Orders.Ship' is not a task type (lowercase words joined by dots, such as mail.send)");
        assertThat(problems(Task.service("Ship", PdeType.AI, "a" + ".b".repeat(50), List.of()))).containsExactly(
                "$.steps[0].taskType: longer than 100 characters");
    }

    @Test
    void fieldsOfTheOtherKindOfTaskAreProblems() {
        Task mixed = new Task("Ship", Task.TaskKind.USER, "clerk", PdeType.AI, "orders.ship", List.of(), List.of("x"), null, List.of());
        assertThat(problems(mixed)).containsExactly("$.steps[0].pdeType: only a service task is routed to a PDE",
                "$.steps[0].taskType: only a service task has a task type",
                "$.steps[0].outputs: a user task sets variables through its form, not outputs");
        Task serviceWithForm = new Task("Ship", Task.TaskKind.SERVICE, "clerk", PdeType.AI, "orders.ship", List.of(bool("ok")),
                List.of(), null, List.of());
        assertThat(problems(serviceWithForm)).containsExactly("$.steps[0].role: only a user task has a role",
                "$.steps[0].form: only a user task has a form");
    }

    @Test
    void outputsAreIdentifiersAndNotReserved() {
        assertThat(problems(checkStock("in stock", "step", "ok"))).containsExactly(
                "$.steps[0].outputs[0]: 'in stock' is not an identifier",
                "$.steps[0].outputs[1]: 'step' is reserved; choose another name");
    }

    @Test
    void formFieldIdsAreUniqueIdentifiersAndEnumFieldsHaveValues() {
        assertThat(problems(review(bool("Approved"), bool("ok"), bool("ok"),
                new FormField("choice", null, FormField.FieldType.ENUM, List.of()),
                new FormField("size", null, FormField.FieldType.ENUM, List.of("s", "s")),
                new FormField("note", null, FormField.FieldType.STRING, List.of("x")),
                new FormField("due", null, null, List.of())))).containsExactly(
                "$.steps[0].form[0].id: 'Approved' is not an identifier",
                "$.steps[0].form[2].id: 'ok' is already a field of this form",
                "$.steps[0].form[3].values: an enum field needs the values a person picks from",
                "$.steps[0].form[4].values[1]: 's' is listed twice",
                "$.steps[0].form[5].values: only an enum field has values",
                "$.steps[0].form[6].type: missing (boolean, string, long, date or enum)");
    }

    @Test
    void choiceNeedsTwoBranchesAndExactlyOneDefault() {
        assertThat(problems(checkStock("ok"), new Choice("Ok?", List.of(branch("yes", null, SHIP)))))
                .containsExactly("$.steps[1].branches: a choice needs at least two branches");
        assertThat(problems(checkStock("ok"), new Choice("Ok?", List.of(branch("yes", Condition.isTrue("ok")),
                branch("no", Condition.isFalse("ok")))))).containsExactly(
                "$.steps[1].branches: one branch must be the default (no condition), taken when no condition holds");
        assertThat(problems(checkStock("ok"), new Choice("Ok?", List.of(branch("yes", null), branch("no", null)))))
                .containsExactly("$.steps[1].branches: only one branch may be the default (no condition); 2 have none");
    }

    @Test
    void choiceNeedsAQuestion() {
        assertThat(problems(checkStock("ok"), new Choice(null, List.of(branch("yes", Condition.isTrue("ok")), branch("no", null)))))
                .containsExactly("$.steps[1].question: missing");
    }

    @Test
    void parallelNeedsTwoBranchesWithoutConditions() {
        assertThat(problems(checkStock("ok"), new Parallel(List.of(branch("a", null, SHIP)))))
                .containsExactly("$.steps[1].branches: parallel work needs at least two branches");
        assertThat(problems(checkStock("ok"), new Parallel(List.of(branch("a", Condition.isTrue("ok"), SHIP), branch("b", null)))))
                .containsExactly("$.steps[1].branches[0].condition: parallel branches all run; a condition belongs in a choice");
    }

    @Test
    void loopNeedsABodyAndUntilOrMaxIterationsWithinLimits() {
        assertThat(problems(new Loop("Again?", List.of(), null, null))).containsExactly(
                "$.steps[0].body: a loop needs at least one step to repeat",
                "$.steps[0]: a loop needs an until condition, a maxIterations limit, or both");
        assertThat(problems(new Loop(null, List.of(SHIP), null, 0))).containsExactly(
                "$.steps[0].maxIterations: 0 is not between 1 and 100");
        assertThat(problems(new Loop(null, List.of(SHIP), null, 101))).containsExactly(
                "$.steps[0].maxIterations: 101 is not between 1 and 100");
    }

    @Test
    void durationsParseAsIsoDurationsAndArePositive() {
        assertThat(problems(new Wait(null, Timer.duration("P2D")), new Wait(null, Timer.duration("PT4H")),
                new Wait(null, Timer.duration("P1W")), new Wait(null, Timer.duration("P1DT2H")))).isEmpty();
        assertThat(problems(new Wait(null, Timer.duration("2 days")))).containsExactly(
                "$.steps[0].timer.value: '2 days' is not an ISO 8601 duration (such as PT4H, P2D or P1W)");
        assertThat(problems(new Wait(null, Timer.duration("PT0S")))).containsExactly(
                "$.steps[0].timer.value: 'PT0S' is not a positive duration");
        assertThat(problems(new Wait(null, null))).containsExactly("$.steps[0].timer: a timer is needed");
        assertThat(problems(new Wait(null, new Timer(null, "PT1H")))).containsExactly(
                "$.steps[0].timer.kind: missing (duration, cycle or date)");
    }

    @Test
    void cyclesAreIsoRepetitionsOrCronExpressions() {
        assertThat(problems(new Wait(null, Timer.cycle("R/PT1H")), new Wait(null, Timer.cycle("R3/PT10M")),
                new Wait(null, Timer.cycle("R/2030-01-01T00:00:00Z/P1D")), new Wait(null, Timer.cycle("0 0 6 ? * MON")),
                new Wait(null, Timer.cycle("0 0 6 ? * MON 2030")))).isEmpty();
        assertThat(problems(new Wait(null, Timer.cycle("R/every hour")))).containsExactly(
                "$.steps[0].timer.value: 'R/every hour' does not repeat an ISO 8601 duration (such as R3/PT1H)");
        assertThat(problems(new Wait(null, Timer.cycle("every monday")))).containsExactly(
                "$.steps[0].timer.value: 'every monday' is neither an ISO 8601 cycle (such as R/PT1H) nor a cron expression of 6 or 7 fields");
        assertThat(problems(new Wait(null, Timer.cycle("0 0 25 * * ?")))).singleElement().asString()
                .startsWith("$.steps[0].timer.value: '0 0 25 * * ?' is not a valid cron expression");
        assertThat(problems(new Wait(null, Timer.cycle("R0/PT1H")))).containsExactly(
                "$.steps[0].timer.value: 'R0/PT1H' repeats zero times");
    }

    @Test
    void datesAreIsoDateTimes() {
        assertThat(problems(new Wait(null, new Timer(Timer.Kind.DATE, "2030-01-31T09:00:00Z")),
                new Wait(null, new Timer(Timer.Kind.DATE, "2030-01-31T09:00:00")))).isEmpty();
        assertThat(problems(new Wait(null, new Timer(Timer.Kind.DATE, "next monday")))).containsExactly(
                "$.steps[0].timer.value: 'next monday' is not an ISO 8601 date-time (such as 2030-01-31T09:00:00Z)");
    }

    @Test
    void triggersHaveWhatTheirKindNeeds() {
        assertThat(DescriptionChecker.problems(new ProcessDescription("Orders", null, null,
                new Trigger(Trigger.Kind.TIMER, null, null, null), List.of(SHIP)))).containsExactly("$.trigger.timer: a timer is needed");
        assertThat(DescriptionChecker.problems(new ProcessDescription("Orders", null, null,
                new Trigger(Trigger.Kind.MESSAGE, null, Timer.cycle("R/PT1H"), null), List.of(SHIP)))).containsExactly(
                "$.trigger.message: missing", "$.trigger.timer: only a timer trigger has a timer");
    }

    @Test
    void variableNamesAreIdentifiers() {
        assertThat(problems(checkStock("ok"), new Choice("In stock?", List.of(
                branch("yes", Condition.isTrue("in stock")), branch("no", null))))).containsExactly(
                "$.steps[1].branches[0].condition.variable: 'in stock' is not an identifier");
        assertThat(problems(checkStock("ok"), new Choice("Empty?", List.of(
                branch("yes", Condition.isTrue("empty")), branch("no", null))))).containsExactly(
                "$.steps[1].branches[0].condition.variable: 'empty' is reserved; choose another name");
    }

    @Test
    void conditionVariableMustBeSetBeforeTheChoice() {
        assertThat(problems(new Choice("Approved?", List.of(branch("yes", Condition.isTrue("approved"), SHIP), branch("no", null)))))
                .containsExactly("$.steps[0].branches[0].condition.variable: 'approved' is not set by any step before this choice");
    }

    @Test
    void variableSetOnOnlyOneBranchIsNotSetAfterTheChoice() {
        assertThat(problems(checkStock("big"),
                new Choice("Big?", List.of(branch("yes", Condition.isTrue("big"), review(bool("approved"))), branch("no", null))),
                new Choice("Approved?", List.of(branch("yes", Condition.isTrue("approved"), SHIP), branch("no", null)))))
                .containsExactly("$.steps[2].branches[0].condition.variable: 'approved' is not set by any step before this choice");
    }

    @Test
    void variableSetOnEveryBranchOrByAParallelBranchIsSetAfterwards() {
        assertThat(problems(checkStock("big"),
                new Choice("Big?", List.of(branch("yes", Condition.isTrue("big"), review(bool("approved"))),
                        branch("no", null, Task.user("Check", "clerk", List.of(bool("approved")))))),
                new Parallel(List.of(branch("a", null, checkStock("counted")), branch("b", null, SHIP))),
                new Choice("Approved?", List.of(branch("yes", Condition.isTrue("approved"), SHIP), branch("no", null))),
                new Choice("Counted?", List.of(branch("yes", Condition.isTrue("counted"), SHIP), branch("no", null))))).isEmpty();
    }

    @Test
    void parallelBranchDoesNotSeeWhatASiblingSets() {
        assertThat(problems(new Parallel(List.of(branch("a", null, checkStock("counted")),
                branch("b", null, new Choice("Counted?", List.of(branch("yes", Condition.isTrue("counted"), SHIP), branch("no", null))))))))
                .containsExactly("$.steps[0].branches[1].steps[0].branches[0].condition.variable: 'counted' is not set by any step before this choice");
    }

    @Test
    void loopConditionMayUseWhatItsBodySets() {
        assertThat(problems(new Loop("Correct?", List.of(review(bool("correct"))), Condition.isTrue("correct"), null))).isEmpty();
        assertThat(problems(new Loop("Correct?", List.of(SHIP), Condition.isTrue("correct"), null))).containsExactly(
                "$.steps[0].until.variable: 'correct' is not set by any step in the loop's body or before it");
    }

    @Test
    void resultsOfATaskWhoseDeadlineMayPassAreNotSetAfterIt() {
        Task review = withDeadline(review(bool("approved")), Timer.duration("PT4H"), SHIP);
        assertThat(problems(review, new Choice("Approved?", List.of(branch("yes", Condition.isTrue("approved"), SHIP), branch("no", null)))))
                .containsExactly("$.steps[1].branches[0].condition.variable: 'approved' is not set by any step before this choice");
        Task escalationDecides = withDeadline(review(bool("approved")), Timer.duration("PT4H"),
                Task.service("Decide automatically", PdeType.AI, "orders.decide", List.of("approved")));
        assertThat(problems(escalationDecides,
                new Choice("Approved?", List.of(branch("yes", Condition.isTrue("approved"), SHIP), branch("no", null))))).isEmpty();
    }

    @Test
    void deadlineIsADurationAndOnTimeoutNeedsADeadline() {
        assertThat(problems(withDeadline(SHIP, Timer.cycle("R/PT1H")))).containsExactly(
                "$.steps[0].deadline.kind: a deadline is a duration (such as PT4H), not a cycle");
        assertThat(problems(withDeadline(SHIP, null, SHIP))).containsExactly(
                "$.steps[0].onTimeout: steps to run on timeout need a deadline");
    }

    @Test
    void comparisonsHaveFittingLiterals() {
        Task amounts = checkStock("amount", "state");
        assertThat(problems(amounts, new Choice("Large?", List.of(
                branch("a", new Condition("amount", Condition.Operator.GT, "1000")),
                branch("b", new Condition("state", Condition.Operator.EQ, null)),
                branch("c", new Condition("state", Condition.Operator.EQ, List.of("x"))),
                branch("d", new Condition("amount", Condition.Operator.LT, Double.NaN)),
                branch("e", new Condition("amount", Condition.Operator.LT, 1e16)),
                branch("f", new Condition("amount", null, 1)),
                branch("g", null))))).containsExactly(
                "$.steps[1].branches[0].condition.value: gt compares with a number, not a string",
                "$.steps[1].branches[1].condition.value: the comparison needs a value",
                "$.steps[1].branches[2].condition.value: must be a string, a number or true/false, not a list",
                "$.steps[1].branches[3].condition.value: must be a finite number",
                "$.steps[1].branches[4].condition.value: numbers in conditions must be smaller than 10^15",
                "$.steps[1].branches[5].condition.operator: missing (eq, ne, gt, ge, lt, le, is_true or is_false)");
    }

    @Test
    void stringLiteralsAreOneLineAndHoldNoExpression() {
        Task states = checkStock("state");
        assertThat(problems(states, new Choice("Which?", List.of(
                branch("a", Condition.equalTo("state", "${execution.processEngine}")),
                branch("b", Condition.equalTo("state", "a\nb")),
                branch("c", Condition.equalTo("state", "x".repeat(201))),
                branch("d", Condition.equalTo("state", "it's \"fine\" \\ <&>")),
                branch("e", null))))).containsExactly(
                "$.steps[1].branches[0].condition.value: '${execution.processEngine}' contains an expression marker (${ or #{); text here is never evaluated",
                "$.steps[1].branches[1].condition.value: 'a\\u000ab' contains a line break or control character",
                "$.steps[1].branches[2].condition.value: longer than 200 characters");
    }

    @Test
    void namesAndLabelsArePlainTextOfOneLine() {
        assertThat(problems(Task.service("Ship #{bean.run()}", PdeType.AI, "orders.ship", List.of()),
                new Wait("Two\ndays", Timer.duration("P2D")), new MessageWait("Reply", "${reply}"),
                new Parallel(List.of(branch("x".repeat(121), null, SHIP), branch("b", null))))).containsExactly(
                "$.steps[0].name: 'Ship #{bean.run()}' contains an expression marker (${ or #{); text here is never evaluated",
                "$.steps[1].name: 'Two\\u000adays' contains a line break or control character",
                "$.steps[2].message: '${reply}' contains an expression marker (${ or #{); text here is never evaluated",
                "$.steps[3].branches[0].label: longer than 120 characters");
    }

    @Test
    void quotedValuesInProblemsAreCutShort() {
        String huge = "x".repeat(10_000) + " y";
        List<String> problems = problems(checkStock(huge));
        assertThat(problems).singleElement().asString().hasSizeLessThan(200).contains("…' is not an identifier");
    }

    @Test
    void descriptionJsonReadReportsEveryProblemWithItsPath() {
        String json = """
                {"name": "Orders", "steps": [
                  {"type": "task", "name": "Review", "kind": "USER", "role": "manager",
                   "form": [{"id": "approved", "type": "BOOLEAN"}]},
                  {"type": "choice", "question": "Paid?", "branches": [
                    {"label": "yes", "condition": {"variable": "paid", "operator": "IS_TRUE"}},
                    {"label": "no"}]},
                  {"type": "wait", "timer": {"kind": "DURATION", "value": "two days"}}]}
                """;
        assertThatThrownBy(() -> DescriptionJson.read(json))
                .isInstanceOf(InvalidDescriptionException.class)
                .satisfies(e -> assertThat(((InvalidDescriptionException) e).problems()).containsExactly(
                        "$.steps[1].branches[0].condition.variable: 'paid' is not set by any step before this choice",
                        "$.steps[2].timer.value: 'two days' is not an ISO 8601 duration (such as PT4H, P2D or P1W)"));
    }
}
