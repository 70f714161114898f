package procos.pde.pipeline;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;

/**
 * Results of deterministic, idempotent tasks, so the same task with the same inputs is answered
 * without calling an endpoint again. Bounded (least recently used entries go first) and expiring.
 * The key is the spec's cache key when it gives one, else the task type plus the exact inputs.
 */
public final class ResultCache {

    private final int maxEntries;
    private final Duration defaultTtl;
    private final Map<String, CachedResult> entries;

    public ResultCache(int maxEntries, Duration defaultTtl) {
        this.maxEntries = maxEntries;
        this.defaultTtl = defaultTtl;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedResult> eldest) {
                return size() > ResultCache.this.maxEntries;
            }
        };
    }

    public synchronized Optional<TaskResult> get(TaskSpec spec) {
        String key = key(spec);
        CachedResult entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (System.nanoTime() > entry.expiresNanos) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.result);
    }

    public synchronized void put(TaskSpec spec, TaskResult result) {
        Duration requested = Duration.ofSeconds(spec.getCache().getCacheTtl().getSeconds(), spec.getCache().getCacheTtl().getNanos());
        // Unset or zero means the default (CacheHints.cache_ttl).
        Duration ttl = requested.isZero() || requested.isNegative() ? defaultTtl : requested;
        entries.put(key(spec), new CachedResult(result, System.nanoTime() + ttl.toNanos()));
    }

    public synchronized int size() {
        return entries.size();
    }

    private static String key(TaskSpec spec) {
        if (!spec.getCache().getCacheKey().isEmpty()) {
            return spec.getTaskType() + "|key|" + spec.getCache().getCacheKey();
        }
        // Equal inputs must give equal keys whatever order their fields arrived in: sorted JSON does.
        return spec.getTaskType() + "|inputs|" + canonical(spec);
    }

    private static String canonical(TaskSpec spec) {
        try {
            return JsonFormat.printer().sortingMapKeys().omittingInsignificantWhitespace().print(spec.getInputs());
        } catch (InvalidProtocolBufferException e) {
            return spec.getInputs().toString();
        }
    }

    private record CachedResult(TaskResult result, long expiresNanos) {
    }
}
