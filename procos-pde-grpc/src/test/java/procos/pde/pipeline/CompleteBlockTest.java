package procos.pde.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.pde.pipeline.Fixtures.context;
import static procos.pde.pipeline.Fixtures.spec;
import static procos.pde.pipeline.Fixtures.struct;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;
import procos.pde.v1.Attempt;
import procos.pde.v1.CacheHints;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.Finding;
import procos.pde.v1.Iteration;
import procos.pde.v1.Mode;
import procos.pde.v1.Severity;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

class CompleteBlockTest {

    private final ScriptedRules rules = new ScriptedRules().cacheType("lookup");
    private final ResultCache cache = new ResultCache(100, Duration.ofHours(1));
    private final List<TaskResult> heard = new ArrayList<>();

    private CompleteBlock block(TaskListener... listeners) {
        return new CompleteBlock(rules, cache, List.of(listeners));
    }

    private static Outcome succeeded(String endpointId) {
        return new Outcome(TaskStatus.SUCCEEDED, struct("answer", 42), 0.93, endpointId,
                List.of(Attempt.newBuilder().setEndpointId(endpointId).setOutcome(TaskStatus.SUCCEEDED).build()),
                List.of(Iteration.newBuilder().setIndex(0).setConfidence(0.93).build()),
                List.of(Finding.newBuilder().setRule("r").setSeverity(Severity.INFO).build()), null);
    }

    @Test
    void packagesTheOutcomeIntoTheResult() {
        TaskContext context = context(spec("t-7", "echo"));
        Outcome outcome = succeeded("e1");
        TaskResult result = block().complete(context, outcome);
        assertThat(result.getTaskId()).isEqualTo("t-7");
        assertThat(result.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.getOutputs()).isEqualTo(struct("answer", 42));
        assertThat(result.getConfidence()).isEqualTo(0.93);
        assertThat(result.getEndpointId()).isEqualTo("e1");
        assertThat(result.getAttemptsList()).isEqualTo(outcome.attempts());
        assertThat(result.getIterationsList()).isEqualTo(outcome.iterations());
        assertThat(result.getFindingsList()).isEqualTo(outcome.findings());
        assertThat(result.getPdeId()).isEqualTo(Fixtures.PDE_ID);
        assertThat(result.hasError()).isFalse();
        assertThat(result.getCached()).isFalse();
        assertThat(result.getElapsedMs()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void failedOutcomeCarriesItsError() {
        ErrorDetail error = ErrorDetail.newBuilder().setCode("UNAVAILABLE").setMessage("down").setRetryable(true).build();
        TaskResult result = block().complete(context(spec("t-1", "echo")), Outcome.failed(error, List.of(), List.of()));
        assertThat(result.getStatus()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.getError()).isEqualTo(error);
        assertThat(result.getEndpointId()).isEmpty();
    }

    @Test
    void deadlineErrorGivesTimedOut() {
        ErrorDetail error = ErrorDetail.newBuilder().setCode("DEADLINE_EXCEEDED").setRetryable(true).build();
        TaskResult result = block().complete(context(spec("t-1", "echo")), Outcome.failed(error, List.of(), List.of()));
        assertThat(result.getStatus()).isEqualTo(TaskStatus.TIMED_OUT);
    }

    // ---- cache ----------------------------------------------------------------------------

    @Test
    void succeededResultOfCacheableTypeIsStored() {
        TaskContext context = context(spec("t-1", "lookup").setInputs(struct("id", 1)));
        TaskResult result = block().complete(context, succeeded("e1"));
        assertThat(cache.get(context.spec())).contains(result);
    }

    @Test
    void failedResultIsNotStored() {
        TaskContext context = context(spec("t-1", "lookup").setInputs(struct("id", 1)));
        block().complete(context, Outcome.failed(ErrorDetail.newBuilder().setCode("X").build(), List.of(), List.of()));
        assertThat(cache.size()).isZero();
    }

    @Test
    void resultOfNonCacheableTypeIsNotStored() {
        block().complete(context(spec("t-1", "echo").setInputs(struct("id", 1))), succeeded("e1"));
        assertThat(cache.size()).isZero();
    }

    @Test
    void cacheableOnlyForCacheableTypesWithoutBypass() {
        CompleteBlock block = block();
        assertThat(block.cacheable(context(spec("t-1", "lookup")))).isTrue();
        assertThat(block.cacheable(context(spec("t-2", "echo")))).isFalse();
        assertThat(block.cacheable(context(spec("t-3", "lookup").setCache(CacheHints.newBuilder().setBypassCache(true))))).isFalse();
    }

    @Test
    void bypassingResultReplacesTheCachedOne() {
        // task.proto CacheHints.bypass_cache: "the fresh result then replaces the cached one".
        CompleteBlock block = block();
        TaskContext first = context(spec("t-1", "lookup").setInputs(struct("id", 1)));
        block.complete(first, succeeded("old"));
        TaskContext fresh = context(spec("t-2", "lookup").setInputs(struct("id", 1))
                .setCache(CacheHints.newBuilder().setBypassCache(true)));
        block.complete(fresh, succeeded("new"));
        assertThat(cache.get(first.spec())).hasValueSatisfying(r -> assertThat(r.getEndpointId()).isEqualTo("new"));
    }

    @Test
    void probabilisticResultIsCachedOnlyUnderAnExplicitKey() {
        // task.proto CacheHints.cache_key: "PROBABILISTIC results are cached only under an explicit key".
        CompleteBlock block = block();
        TaskContext derived = context(spec("t-1", "lookup").setMode(Mode.PROBABILISTIC).setInputs(struct("id", 1)));
        assertThat(block.cacheable(derived)).isFalse();
        block.complete(derived, succeeded("e1"));
        assertThat(cache.size()).isZero();

        TaskContext keyed = context(spec("t-2", "lookup").setMode(Mode.PROBABILISTIC).setInputs(struct("id", 1))
                .setCache(CacheHints.newBuilder().setCacheKey("invoice-42")));
        assertThat(block.cacheable(keyed)).isTrue();
        block.complete(keyed, succeeded("e1"));
        assertThat(cache.get(keyed.spec())).isPresent();
    }

    @Test
    void cachedResultIsRestampedForTheNewTask() {
        TaskResult original = block().complete(context(spec("t-1", "lookup").setInputs(struct("id", 1))), succeeded("e1"));
        TaskContext again = context(spec("t-2", "lookup").setInputs(struct("id", 1)));
        TaskResult served = block().completeFromCache(again, original);
        assertThat(served.getTaskId()).isEqualTo("t-2");
        assertThat(served.getCached()).isTrue();
        assertThat(served.getPdeId()).isEqualTo(Fixtures.PDE_ID);
        assertThat(served.getEndpointId()).as("endpoint that originally produced it").isEqualTo("e1");
        assertThat(served.getOutputs()).isEqualTo(original.getOutputs());
        assertThat(served.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        // task.proto TaskResult.attempts: "Empty for cached and rejected results."
        assertThat(served.getAttemptsList()).isEmpty();
    }

    // ---- listeners ------------------------------------------------------------------------

    @Test
    void everyListenerHearsEachTaskOnce() {
        List<TaskResult> second = new ArrayList<>();
        CompleteBlock block = block((context, result) -> heard.add(result), (context, result) -> second.add(result));
        TaskResult one = block.complete(context(spec("t-1", "echo")), succeeded("e1"));
        TaskResult two = block.complete(context(spec("t-2", "echo")), succeeded("e2"));
        assertThat(heard).containsExactly(one, two);
        assertThat(second).containsExactly(one, two);
    }

    @Test
    void listenerHearsCachedResultsToo() {
        CompleteBlock block = block((context, result) -> heard.add(result));
        TaskResult original = block.complete(context(spec("t-1", "lookup")), succeeded("e1"));
        TaskResult served = block.completeFromCache(context(spec("t-2", "lookup")), original);
        assertThat(heard).containsExactly(original, served);
    }

    @Test
    void listenerGetsTheTasksContext() {
        List<String> taskIds = new ArrayList<>();
        block((context, result) -> taskIds.add(context.taskId())).complete(context(spec("t-9", "echo")), succeeded("e1"));
        assertThat(taskIds).containsExactly("t-9");
    }

    @Test
    void throwingListenerDoesNotBreakTheTaskOrTheOtherListeners() {
        InMemorySink sink = new InMemorySink();
        TaskResult result;
        try (SinkOverride ignored = StructuredLogger.useSink(sink)) {
            result = block((context, r) -> {
                throw new IllegalStateException("metrics backend down");
            }, (context, r) -> heard.add(r)).complete(context(spec("t-1", "echo")), succeeded("e1"));
        }
        assertThat(result.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(heard).containsExactly(result);
        assertThat(sink.lines()).anySatisfy(line -> assertThat(line).contains("task_listener_failed"));
        assertThat(sink.lines()).anySatisfy(line -> assertThat(line).contains("task_finished").contains("t-1"));
    }
}
