package procos.pde.meta;

import com.google.protobuf.Struct;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.v1.FailurePolicy;

/**
 * How a meta task runs its sub-tasks, from its inputs besides {@code subtasks}:
 *
 * @param failurePolicy {@code failure_policy}: {@code fail_fast} (default; the first sub-task that
 *                      does not succeed cancels the running ones and fails the task) or
 *                      {@code best_effort} (everything runs; the task succeeds with what succeeded)
 * @param combination   {@code combine}: {@code collect} (default) or {@code merge}, see {@link Combination}
 * @param maxParallel   {@code max_parallel}: sub-tasks running at once, 1 to {@value #MAX_PARALLEL_LIMIT}
 *                      (default {@value #DEFAULT_PARALLEL})
 */
record MetaOptions(FailurePolicy failurePolicy, Combination combination, int maxParallel) {

    static final String FAILURE_POLICY = "failure_policy";
    static final String COMBINE = "combine";
    static final String MAX_PARALLEL = "max_parallel";
    static final int DEFAULT_PARALLEL = 8;
    static final int MAX_PARALLEL_LIMIT = 64;

    /** @throws PlanException naming the input at fault */
    static MetaOptions from(Struct inputs) throws PlanException {
        InvokeInputs in = InvokeInputs.of(inputs);
        return new MetaOptions(policy(in), combination(in), maxParallel(in));
    }

    private static FailurePolicy policy(InvokeInputs in) throws PlanException {
        Optional<String> text = string(in, FAILURE_POLICY);
        if (text.isEmpty()) {
            return FailurePolicy.FAIL_FAST;
        }
        return switch (text.get().strip().toLowerCase(Locale.ROOT)) {
            case "fail_fast" -> FailurePolicy.FAIL_FAST;
            case "best_effort" -> FailurePolicy.BEST_EFFORT;
            default -> throw new PlanException(FAILURE_POLICY, "must be fail_fast or best_effort, got '" + text.get() + "'");
        };
    }

    private static Combination combination(InvokeInputs in) throws PlanException {
        Optional<String> text = string(in, COMBINE);
        if (text.isEmpty()) {
            return Combination.COLLECT;
        }
        return Combination.fromInput(text.get()).orElseThrow(() -> new PlanException(COMBINE,
                "must be one of " + String.join(", ", Combination.inputNames()) + ", got '" + text.get() + "'"));
    }

    private static int maxParallel(InvokeInputs in) throws PlanException {
        OptionalLong value;
        try {
            value = in.positiveLong(MAX_PARALLEL);
        } catch (EndpointException e) {
            throw new PlanException(MAX_PARALLEL, "must be a whole number from 1 to " + MAX_PARALLEL_LIMIT);
        }
        if (value.isPresent() && value.getAsLong() > MAX_PARALLEL_LIMIT) {
            throw new PlanException(MAX_PARALLEL, "must be at most " + MAX_PARALLEL_LIMIT + ", got " + value.getAsLong());
        }
        return value.isPresent() ? (int) value.getAsLong() : DEFAULT_PARALLEL;
    }

    private static Optional<String> string(InvokeInputs in, String name) throws PlanException {
        try {
            return in.string(name);
        } catch (EndpointException e) {
            throw new PlanException(name, "must be a string");
        }
    }
}
