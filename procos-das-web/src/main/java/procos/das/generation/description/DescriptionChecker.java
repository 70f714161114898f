package procos.das.generation.description;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.calendar.CronExpression;

/**
 * The structural rules a {@link ProcessDescription} must keep before it is compiled to BPMN: what
 * Jackson's typing cannot say (required fields, identifiers, timer syntax, sizes) and the data
 * flow that keeps a generated gateway from reading a variable no step has set. Every problem names
 * its field as a JSON path, so a drafter (or a person) can be told exactly what to fix.
 */
public final class DescriptionChecker {

    public static final int MAX_NAME_LENGTH = 120;
    public static final int MAX_STEPS = 200;
    public static final int MAX_NESTING = 8;
    public static final int MAX_ITERATIONS = 100;
    public static final int MAX_TASK_TYPE_LENGTH = 100;
    public static final int MAX_LITERAL_LENGTH = 200;

    /** Process variables: what a JUEL expression can name without quoting, and what a form field id may be. */
    public static final Pattern VARIABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Candidate groups: one plain group id (a comma would split it, an expression would be evaluated). */
    public static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    /** External task topics as the PDE manager routes them: dotted lowercase segments. */
    public static final Pattern TASK_TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    /**
     * Names a variable may not have: JUEL's keywords (the expression would not parse), the engine's
     * own {@code execution} and {@code task}, and the input parameters every generated service task
     * declares (a value a task reported under that name would stay local to the task and be lost).
     */
    public static final Set<String> RESERVED_VARIABLES = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le",
            "ge", "true", "false", "null", "instanceof", "empty", "div", "mod", "execution", "task", "step",
            "expected_outputs");

    private static final Pattern REPEATING_CYCLE = Pattern.compile("R(\\d*)/(.+)");
    private static final BigDecimal LARGEST_NUMBER = new BigDecimal("1e15");
    private static final int QUOTE_LIMIT = 60;

    private final List<String> problems = new ArrayList<>();
    private int steps;

    private DescriptionChecker() {
    }

    /** Every problem of {@code description}, each as {@code <json path>: <reason>}; empty when it may be compiled. */
    public static List<String> problems(ProcessDescription description) {
        DescriptionChecker checker = new DescriptionChecker();
        if (description == null) {
            return List.of("$: the description is missing");
        }
        checker.check(description);
        return List.copyOf(checker.problems);
    }

    private void check(ProcessDescription d) {
        text(d.name(), "$.name", true);
        text(d.domain(), "$.domain", false);
        for (int i = 0; i < d.roles().size(); i++) {
            role(d.roles().get(i), "$.roles[" + i + "]");
        }
        trigger(d.trigger());
        if (d.steps().isEmpty()) {
            problem("$.steps", "a process needs at least one step");
            return;
        }
        sequence(d.steps(), "$.steps", 1, Set.of());
        if (steps > MAX_STEPS) {
            problem("$.steps", "the process has " + steps + " steps in all, more than " + MAX_STEPS);
        }
    }

    private void trigger(Trigger trigger) {
        if (trigger.kind() == null) {
            problem("$.trigger.kind", "missing (none, timer or message)");
            return;
        }
        text(trigger.name(), "$.trigger.name", false);
        switch (trigger.kind()) {
            case NONE -> {
                absent(trigger.timer(), "$.trigger.timer", "only a timer trigger has a timer");
                absent(trigger.message(), "$.trigger.message", "only a message trigger has a message");
            }
            case TIMER -> {
                timer(trigger.timer(), "$.trigger.timer");
                absent(trigger.message(), "$.trigger.message", "only a message trigger has a message");
            }
            case MESSAGE -> {
                text(trigger.message(), "$.trigger.message", true);
                absent(trigger.timer(), "$.trigger.timer", "only a timer trigger has a timer");
            }
        }
    }

    /** Checks {@code sequence} in order and returns the variables set on every path through it. */
    private Set<String> sequence(List<Step> sequence, String path, int depth, Set<String> set) {
        Set<String> known = set;
        for (int i = 0; i < sequence.size(); i++) {
            known = step(sequence.get(i), path + "[" + i + "]", depth, known);
        }
        return known;
    }

    private Set<String> step(Step step, String path, int depth, Set<String> set) {
        steps++;
        if (depth > MAX_NESTING) {
            // Reported once at the first step too deep; what lies below it is not looked at.
            problem(path, "nested more than " + MAX_NESTING + " levels deep");
            return set;
        }
        if (step == null) {
            problem(path, "the step is empty");
            return set;
        }
        if (step instanceof Task task) {
            return task(task, path, depth, set);
        }
        if (step instanceof Choice choice) {
            return choice(choice, path, depth, set);
        }
        if (step instanceof Parallel parallel) {
            return parallel(parallel, path, depth, set);
        }
        if (step instanceof Loop loop) {
            return loop(loop, path, depth, set);
        }
        if (step instanceof Wait wait) {
            text(wait.name(), path + ".name", false);
            timer(wait.timer(), path + ".timer");
        } else if (step instanceof MessageWait wait) {
            text(wait.name(), path + ".name", false);
            text(wait.message(), path + ".message", true);
        }
        return set;
    }

    private Set<String> task(Task task, String path, int depth, Set<String> set) {
        text(task.name(), path + ".name", true);
        Set<String> produced = new LinkedHashSet<>();
        if (task.kind() == null) {
            problem(path + ".kind", "missing (user or service)");
        } else if (task.kind() == Task.TaskKind.USER) {
            if (isBlank(task.role())) {
                problem(path + ".role", "a user task needs the role that does it");
            } else {
                role(task.role(), path + ".role");
            }
            absent(task.pdeType(), path + ".pdeType", "only a service task is routed to a PDE");
            absent(task.taskType(), path + ".taskType", "only a service task has a task type");
            if (!task.outputs().isEmpty()) {
                problem(path + ".outputs", "a user task sets variables through its form, not outputs");
            }
            produced.addAll(form(task.form(), path + ".form"));
        } else {
            absent(task.role(), path + ".role", "only a user task has a role");
            if (!task.form().isEmpty()) {
                problem(path + ".form", "only a user task has a form");
            }
            if (task.pdeType() == null) {
                problem(path + ".pdeType", "a service task needs a PDE type (general_purpose, ai, integration or meta)");
            }
            taskType(task.taskType(), path + ".taskType");
            produced.addAll(outputs(task.outputs(), path + ".outputs"));
        }
        Set<String> after = union(set, produced);
        if (task.deadline() == null) {
            if (!task.onTimeout().isEmpty()) {
                problem(path + ".onTimeout", "steps to run on timeout need a deadline");
            }
            return after;
        }
        timer(task.deadline(), path + ".deadline");
        if (task.deadline().kind() != null && task.deadline().kind() != Timer.Kind.DURATION) {
            problem(path + ".deadline.kind", "a deadline is a duration (such as PT4H), not a " + lower(task.deadline().kind()));
        }
        // On timeout the task's own results never come: only what the escalation sets is known after it.
        Set<String> escalated = sequence(task.onTimeout(), path + ".onTimeout", depth + 1, set);
        return intersection(after, escalated);
    }

    private Set<String> form(List<FormField> form, String path) {
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < form.size(); i++) {
            FormField field = form.get(i);
            String at = path + "[" + i + "]";
            if (field == null) {
                problem(at, "the form field is empty");
                continue;
            }
            if (variable(field.id(), at + ".id") && !ids.add(field.id())) {
                problem(at + ".id", quoted(field.id()) + " is already a field of this form");
            }
            text(field.label(), at + ".label", false);
            if (field.type() == null) {
                problem(at + ".type", "missing (boolean, string, long, date or enum)");
            } else if (field.type() == FormField.FieldType.ENUM) {
                enumValues(field.values(), at + ".values");
            } else if (!field.values().isEmpty()) {
                problem(at + ".values", "only an enum field has values");
            }
        }
        return ids;
    }

    private void enumValues(List<String> values, String path) {
        if (values.isEmpty()) {
            problem(path, "an enum field needs the values a person picks from");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (text(value, path + "[" + i + "]", true) && !seen.add(value)) {
                problem(path + "[" + i + "]", quoted(value) + " is listed twice");
            }
        }
    }

    private Set<String> outputs(List<String> outputs, String path) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (variable(outputs.get(i), path + "[" + i + "]")) {
                names.add(outputs.get(i));
            }
        }
        return names;
    }

    private void taskType(String taskType, String path) {
        if (isBlank(taskType)) {
            problem(path, "a service task needs a task type (such as mail.send)");
        } else if (taskType.length() > MAX_TASK_TYPE_LENGTH) {
            problem(path, "longer than " + MAX_TASK_TYPE_LENGTH + " characters");
        } else if (!TASK_TYPE.matcher(taskType).matches()) {
            problem(path, quoted(taskType) + " is not a task type (lowercase words joined by dots, such as mail.send)");
        }
    }

    private Set<String> choice(Choice choice, String path, int depth, Set<String> set) {
        text(choice.question(), path + ".question", true);
        List<Branch> branches = choice.branches();
        if (branches.size() < 2) {
            problem(path + ".branches", "a choice needs at least two branches");
        }
        int defaults = 0;
        Set<String> after = null;
        for (int i = 0; i < branches.size(); i++) {
            Branch branch = branches.get(i);
            String at = path + ".branches[" + i + "]";
            if (branch == null) {
                problem(at, "the branch is empty");
                continue;
            }
            text(branch.label(), at + ".label", false);
            if (branch.condition() == null) {
                defaults++;
            } else {
                condition(branch.condition(), at + ".condition", set, "before this choice");
            }
            Set<String> known = sequence(branch.steps(), at + ".steps", depth + 1, set);
            after = after == null ? known : intersection(after, known);
        }
        if (!branches.isEmpty() && defaults != 1) {
            problem(path + ".branches", defaults == 0
                    ? "one branch must be the default (no condition), taken when no condition holds"
                    : "only one branch may be the default (no condition); " + defaults + " have none");
        }
        return after == null ? set : after;
    }

    private Set<String> parallel(Parallel parallel, String path, int depth, Set<String> set) {
        if (parallel.branches().size() < 2) {
            problem(path + ".branches", "parallel work needs at least two branches");
        }
        Set<String> after = new LinkedHashSet<>(set);
        for (int i = 0; i < parallel.branches().size(); i++) {
            Branch branch = parallel.branches().get(i);
            String at = path + ".branches[" + i + "]";
            if (branch == null) {
                problem(at, "the branch is empty");
                continue;
            }
            text(branch.label(), at + ".label", false);
            if (branch.condition() != null) {
                problem(at + ".condition", "parallel branches all run; a condition belongs in a choice");
            }
            // Each branch sees only what was set before the split, never what a sibling sets.
            after.addAll(sequence(branch.steps(), at + ".steps", depth + 1, set));
        }
        return after;
    }

    private Set<String> loop(Loop loop, String path, int depth, Set<String> set) {
        text(loop.question(), path + ".question", false);
        if (loop.body().isEmpty()) {
            problem(path + ".body", "a loop needs at least one step to repeat");
        }
        Set<String> after = sequence(loop.body(), path + ".body", depth + 1, set);
        if (loop.until() == null && loop.maxIterations() == null) {
            problem(path, "a loop needs an until condition, a maxIterations limit, or both");
        }
        if (loop.maxIterations() != null && (loop.maxIterations() < 1 || loop.maxIterations() > MAX_ITERATIONS)) {
            problem(path + ".maxIterations", loop.maxIterations() + " is not between 1 and " + MAX_ITERATIONS);
        }
        if (loop.until() != null) {
            condition(loop.until(), path + ".until", after, "in the loop's body or before it");
        }
        return after;
    }

    private void condition(Condition condition, String path, Set<String> set, String where) {
        if (variable(condition.variable(), path + ".variable") && !set.contains(condition.variable())) {
            problem(path + ".variable", quoted(condition.variable()) + " is not set by any step " + where);
        }
        if (condition.operator() == null) {
            problem(path + ".operator", "missing (eq, ne, gt, ge, lt, le, is_true or is_false)");
            return;
        }
        switch (condition.operator()) {
            case IS_TRUE, IS_FALSE -> {
                // the value is not read
            }
            case EQ, NE -> literal(condition.value(), path + ".value");
            case GT, GE, LT, LE -> {
                if (condition.value() instanceof Number) {
                    literal(condition.value(), path + ".value");
                } else {
                    problem(path + ".value", lower(condition.operator()) + " compares with a number, not "
                            + (condition.value() == null ? "nothing" : describe(condition.value())));
                }
            }
        }
    }

    private void literal(Object value, String path) {
        if (value == null) {
            problem(path, "the comparison needs a value");
        } else if (value instanceof String string) {
            if (string.length() > MAX_LITERAL_LENGTH) {
                problem(path, "longer than " + MAX_LITERAL_LENGTH + " characters");
            } else {
                plainText(string, path);
            }
        } else if (value instanceof Number number) {
            number(number, path);
        } else if (!(value instanceof Boolean)) {
            problem(path, "must be a string, a number or true/false, not " + describe(value));
        }
    }

    private void number(Number number, String path) {
        BigDecimal decimal;
        if (number instanceof BigDecimal big) {
            decimal = big;
        } else if (number instanceof BigInteger big) {
            decimal = new BigDecimal(big);
        } else if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
                problem(path, "must be a finite number");
                return;
            }
            decimal = BigDecimal.valueOf(d);
        } else {
            decimal = BigDecimal.valueOf(number.longValue());
        }
        if (decimal.abs().compareTo(LARGEST_NUMBER) >= 0) {
            problem(path, "numbers in conditions must be smaller than 10^15");
        }
    }

    private void timer(Timer timer, String path) {
        if (timer == null) {
            problem(path, "a timer is needed");
            return;
        }
        if (timer.kind() == null) {
            problem(path + ".kind", "missing (duration, cycle or date)");
            return;
        }
        if (isBlank(timer.value())) {
            problem(path + ".value", "missing (ISO 8601, such as PT4H)");
            return;
        }
        String value = timer.value().trim();
        String reason = switch (timer.kind()) {
            case DURATION -> durationProblem(value);
            case CYCLE -> cycleProblem(value);
            case DATE -> dateProblem(value);
        };
        if (reason != null) {
            problem(path + ".value", quoted(value) + " " + reason);
        }
    }

    /** Why {@code value} is no positive ISO 8601 duration, or {@code null}. */
    private static String durationProblem(String value) {
        try {
            Duration duration = Duration.parse(value);
            return duration.isNegative() || duration.isZero() ? "is not a positive duration" : null;
        } catch (DateTimeParseException notTimeBased) {
            try {
                Period period = Period.parse(value);
                return period.isNegative() || period.isZero() ? "is not a positive duration" : null;
            } catch (DateTimeParseException e) {
                return "is not an ISO 8601 duration (such as PT4H, P2D or P1W)";
            }
        }
    }

    private static String cycleProblem(String value) {
        Matcher repeating = REPEATING_CYCLE.matcher(value);
        if (repeating.matches()) {
            String[] parts = repeating.group(2).split("/", -1);
            if (!repeating.group(1).isEmpty() && new BigInteger(repeating.group(1)).signum() == 0) {
                return "repeats zero times";
            }
            if (parts.length == 1) {
                return durationProblem(parts[0]) == null ? null : "does not repeat an ISO 8601 duration (such as R3/PT1H)";
            }
            if (parts.length == 2 && dateProblem(parts[0]) == null && durationProblem(parts[1]) == null) {
                return null;
            }
            return "is not an ISO 8601 cycle (R/PT1H, R3/PT10M or R/<start date-time>/P1D)";
        }
        String[] fields = value.split("\\s+");
        if (fields.length < 6 || fields.length > 7) {
            return "is neither an ISO 8601 cycle (such as R/PT1H) nor a cron expression of 6 or 7 fields";
        }
        try {
            new CronExpression(value);
            return null;
        } catch (ParseException | RuntimeException e) {
            return "is not a valid cron expression: " + e.getMessage();
        }
    }

    private static String dateProblem(String value) {
        try {
            OffsetDateTime.parse(value);
            return null;
        } catch (DateTimeException withoutOffset) {
            try {
                LocalDateTime.parse(value);
                return null;
            } catch (DateTimeException e) {
                return "is not an ISO 8601 date-time (such as 2030-01-31T09:00:00Z)";
            }
        }
    }

    private void role(String role, String path) {
        if (role == null || !ROLE.matcher(role).matches()) {
            problem(path, quoted(role) + " is not a role (lowercase letters, digits, _ or -, such as manager)");
        }
    }

    /** Checks an identifier and reports what is wrong with it; true when it is usable. */
    private boolean variable(String name, String path) {
        if (isBlank(name)) {
            problem(path, "missing");
            return false;
        }
        if (!VARIABLE.matcher(name).matches()) {
            problem(path, quoted(name) + " is not an identifier");
            return false;
        }
        if (RESERVED_VARIABLES.contains(name)) {
            problem(path, quoted(name) + " is reserved; choose another name");
            return false;
        }
        return true;
    }

    /** Names, labels and messages: plain text of one line, never an expression; true when usable. */
    private boolean text(String value, String path, boolean required) {
        if (isBlank(value)) {
            if (required) {
                problem(path, "missing");
            } else if (value != null && !value.isEmpty()) {
                problem(path, "is blank");
            }
            return false;
        }
        if (value.length() > MAX_NAME_LENGTH) {
            problem(path, "longer than " + MAX_NAME_LENGTH + " characters");
            return false;
        }
        return plainText(value, path);
    }

    private boolean plainText(String value, String path) {
        if (value.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            problem(path, quoted(value) + " contains a line break or control character");
            return false;
        }
        if (value.contains("${") || value.contains("#{")) {
            problem(path, quoted(value) + " contains an expression marker (${ or #{); text here is never evaluated");
            return false;
        }
        return true;
    }

    private void absent(Object value, String path, String reason) {
        if (value != null && !(value instanceof String s && s.isEmpty())) {
            problem(path, reason);
        }
    }

    private void problem(String path, String reason) {
        problems.add(path + ": " + reason);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new LinkedHashSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String describe(Object value) {
        return value instanceof String ? "a string" : value instanceof Boolean ? "true/false"
                : value instanceof Number ? "a number" : value instanceof java.util.Collection ? "a list"
                : value instanceof java.util.Map ? "an object" : "a " + value.getClass().getSimpleName();
    }

    /** The value as a problem quotes it: short, on one line, so hostile input cannot flood or forge a message. */
    static String quoted(String value) {
        if (value == null) {
            return "(nothing)";
        }
        StringBuilder shown = new StringBuilder("'");
        value.codePoints().limit(QUOTE_LIMIT).forEach(c -> {
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.append(value.codePointCount(0, value.length()) > QUOTE_LIMIT ? "…'" : "'").toString();
    }
}
