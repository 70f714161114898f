package procos.pde.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.pde.pipeline.Fixtures.protoDuration;
import static procos.pde.pipeline.Fixtures.spec;
import static procos.pde.pipeline.Fixtures.struct;

import com.google.protobuf.Struct;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import procos.pde.v1.CacheHints;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

class ResultCacheTest {

    private static final Duration LONG = Duration.ofHours(1);

    private static TaskSpec task(String type, Struct inputs) {
        return spec("t-" + inputs.hashCode(), type).setInputs(inputs).build();
    }

    private static TaskResult result(String marker) {
        return TaskResult.newBuilder().setTaskId("t-" + marker).setStatus(TaskStatus.SUCCEEDED)
                .setOutputs(struct("marker", marker)).build();
    }

    @Test
    void emptyCacheMisses() {
        assertThat(new ResultCache(10, LONG).get(task("echo", struct("a", 1)))).isEmpty();
    }

    @Test
    void storedResultIsFoundForTheSameTypeAndInputs() {
        ResultCache cache = new ResultCache(10, LONG);
        cache.put(task("echo", struct("a", 1)), result("one"));
        assertThat(cache.get(spec("another-task-id", "echo").setInputs(struct("a", 1)).build())).contains(result("one"));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void keyIsIndependentOfInputFieldOrder() {
        ResultCache cache = new ResultCache(10, LONG);
        Struct inOrder = struct("alpha", 1, "beta", "two", "nested", struct("x", true, "y", List.of(1, 2)));
        Struct reversed = struct("nested", struct("y", List.of(1, 2), "x", true), "beta", "two", "alpha", 1);
        cache.put(task("echo", inOrder), result("one"));
        assertThat(cache.get(task("echo", reversed))).contains(result("one"));
    }

    @Test
    void differentInputsMiss() {
        ResultCache cache = new ResultCache(10, LONG);
        cache.put(task("echo", struct("a", 1)), result("one"));
        assertThat(cache.get(task("echo", struct("a", 2)))).isEmpty();
        assertThat(cache.get(task("echo", struct("a", 1, "b", 1)))).isEmpty();
        assertThat(cache.get(task("echo", struct("list", List.of(2, 1))))).isEmpty();
    }

    @Test
    void listOrderMatters() {
        ResultCache cache = new ResultCache(10, LONG);
        cache.put(task("echo", struct("list", List.of(1, 2))), result("one"));
        assertThat(cache.get(task("echo", struct("list", List.of(2, 1))))).isEmpty();
    }

    @Test
    void sameInputsOfAnotherTaskTypeMiss() {
        ResultCache cache = new ResultCache(10, LONG);
        cache.put(task("echo", struct("a", 1)), result("one"));
        assertThat(cache.get(task("other", struct("a", 1)))).isEmpty();
    }

    @Test
    void explicitCacheKeyIsSharedWhateverTheInputs() {
        ResultCache cache = new ResultCache(10, LONG);
        cache.put(spec("t-1", "echo").setInputs(struct("a", 1)).setCache(CacheHints.newBuilder().setCacheKey("k1")).build(), result("one"));
        assertThat(cache.get(spec("t-2", "echo").setInputs(struct("b", 2)).setCache(CacheHints.newBuilder().setCacheKey("k1")).build()))
                .contains(result("one"));
        assertThat(cache.get(spec("t-3", "echo").setInputs(struct("a", 1)).setCache(CacheHints.newBuilder().setCacheKey("k2")).build()))
                .isEmpty();
        assertThat(cache.get(spec("t-4", "echo").setInputs(struct("a", 1)).build())).isEmpty();
    }

    @Test
    void explicitCacheKeyIsScopedToTheTaskType() {
        ResultCache cache = new ResultCache(10, LONG);
        cache.put(spec("t-1", "echo").setCache(CacheHints.newBuilder().setCacheKey("k1")).build(), result("one"));
        assertThat(cache.get(spec("t-2", "other").setCache(CacheHints.newBuilder().setCacheKey("k1")).build())).isEmpty();
    }

    @Test
    void laterPutReplacesTheEarlierResult() {
        ResultCache cache = new ResultCache(10, LONG);
        cache.put(task("echo", struct("a", 1)), result("old"));
        cache.put(task("echo", struct("a", 1)), result("new"));
        assertThat(cache.get(task("echo", struct("a", 1)))).contains(result("new"));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void entryExpiresAfterTheDefaultTtl() {
        ResultCache cache = new ResultCache(10, Duration.ofMillis(1));
        cache.put(task("echo", struct("a", 1)), result("one"));
        Fixtures.letTimePass(Duration.ofMillis(5));
        assertThat(cache.get(task("echo", struct("a", 1)))).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void specsCacheTtlOverridesTheDefault() {
        ResultCache shortDefault = new ResultCache(10, Duration.ofMillis(1));
        ResultCache longDefault = new ResultCache(10, LONG);
        TaskSpec longLived = spec("t-1", "echo").setInputs(struct("a", 1))
                .setCache(CacheHints.newBuilder().setCacheTtl(protoDuration(LONG))).build();
        TaskSpec shortLived = spec("t-2", "echo").setInputs(struct("a", 2))
                .setCache(CacheHints.newBuilder().setCacheTtl(protoDuration(Duration.ofMillis(1)))).build();
        shortDefault.put(longLived, result("long"));
        longDefault.put(shortLived, result("short"));
        Fixtures.letTimePass(Duration.ofMillis(5));
        assertThat(shortDefault.get(longLived)).contains(result("long"));
        assertThat(longDefault.get(shortLived)).isEmpty();
    }

    @Test
    void zeroCacheTtlMeansTheDefault() {
        // task.proto CacheHints.cache_ttl: "Unset or zero means the PDE default for the task type."
        ResultCache cache = new ResultCache(10, LONG);
        TaskSpec spec = spec("t-1", "echo").setInputs(struct("a", 1))
                .setCache(CacheHints.newBuilder().setCacheTtl(com.google.protobuf.Duration.getDefaultInstance())).build();
        cache.put(spec, result("one"));
        Fixtures.letTimePass(Duration.ofMillis(2));
        assertThat(cache.get(spec)).contains(result("one"));
    }

    @Test
    void leastRecentlyUsedEntryIsEvictedBeyondTheBound() {
        ResultCache cache = new ResultCache(2, LONG);
        TaskSpec a = task("echo", struct("k", "a"));
        TaskSpec b = task("echo", struct("k", "b"));
        TaskSpec c = task("echo", struct("k", "c"));
        cache.put(a, result("a"));
        cache.put(b, result("b"));
        assertThat(cache.get(a)).isPresent(); // a is now more recently used than b
        cache.put(c, result("c"));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(b)).isEmpty();
        assertThat(cache.get(a)).contains(result("a"));
        assertThat(cache.get(c)).contains(result("c"));
    }

    @Test
    void withoutReadsTheOldestEntryIsEvicted() {
        ResultCache cache = new ResultCache(2, LONG);
        for (String key : List.of("a", "b", "c", "d")) {
            cache.put(task("echo", struct("k", key)), result(key));
        }
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(task("echo", struct("k", "a")))).isEmpty();
        assertThat(cache.get(task("echo", struct("k", "b")))).isEmpty();
        assertThat(cache.get(task("echo", struct("k", "c")))).contains(result("c"));
        assertThat(cache.get(task("echo", struct("k", "d")))).contains(result("d"));
    }
}
