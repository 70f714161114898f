package procos.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Measures one cell: a system at a worker capacity N on the running server. Warm-up instances of the
 * system's twin process first (not counted), then M instances; elapsed time runs from the first start
 * to the moment the history's finished-instance count of the measured process reaches M, polled every
 * ~25 ms.
 *
 * <p>For the external-task systems the measured starts begin when at most {@link #OVERLAP} warm-up
 * instances are still open, so the workers are busy, not parked, when the clock starts. That matters
 * for (c): Camunda's long-polling handler re-checks a parked fetch only when another fetch request
 * arrives or the parked one times out, so workers idle at the start would wait up to the async
 * response timeout before seeing the first measured task. The same rule applies to (b) and (b'); it
 * charges at most {@value #OVERLAP} warm-up tasks to the measured run.
 */
final class ThroughputRunner {

    static final int OVERLAP = 10;
    private static final long POLL_MILLIS = 25;

    private final EngineRest rest;
    private final BenchOptions options;
    private final Map<String, Long> pids;

    ThroughputRunner(EngineRest rest, BenchOptions options, Map<String, Long> pids) {
        this.rest = rest;
        this.options = options;
        this.pids = pids;
    }

    /**
     * Warms the freshly started server's code paths for {@code system} (JIT, connection pools, caches):
     * {@code count} instances of its warm-up process, not measured. Run for every system right after each
     * server start, so no cell pays for the warm-up of the code paths of the cells after it.
     */
    void warmServer(BenchSystem system, int workers, int count) throws IOException, InterruptedException {
        if (count == 0) {
            return;
        }
        try (CamundaWorkers clients = clientsFor(system, workers);
             Starters starters = new Starters(startersFor(system, workers))) {
            long base = rest.finishedCount(system.warmupKey());
            Starters.Run run = starters.submit(rest, system.warmupKey(), count);
            awaitCount(system.warmupKey(), base + count, System.nanoTime() + 300_000_000_000L, run, "server warm-up");
            run.awaitDone(60_000_000_000L);
            run.throwIfFailed();
        }
    }

    /**
     * @param nodeTasks tasks the PDE node has finished so far (-1 if there is no node), to check where (b) ran
     */
    CellResult run(BenchSystem system, int workers, LongSupplier nodeTasks) throws IOException, InterruptedException {
        int m = options.instances();
        int w = options.warmup();
        long nodeBefore = nodeTasks.getAsLong();
        int starterThreads = startersFor(system, workers);
        try (CamundaWorkers clients = clientsFor(system, workers);
             Starters starters = new Starters(starterThreads)) {
            long warmupBase = rest.finishedCount(system.warmupKey());
            if (w > 0) {
                Starters.Run warm = starters.submit(rest, system.warmupKey(), w);
                int overlap = system == BenchSystem.IN_PROCESS ? 0 : Math.min(OVERLAP, w);
                awaitCount(system.warmupKey(), warmupBase + w - overlap, System.nanoTime() + 300_000_000_000L, warm, "warm-up");
                if (overlap == 0) {
                    warm.awaitDone(60_000_000_000L);
                }
                warm.throwIfFailed();
            }
            long base = rest.finishedCount(system.processKey);
            CpuMeter cpu = new CpuMeter(pids);
            long t0 = System.nanoTime();
            Starters.Run measured = starters.submit(rest, system.processKey, m);
            long reached = awaitCount(system.processKey, base + m, t0 + options.cellTimeout().toNanos(), measured, "measured run");
            CpuMeter.Reading load = cpu.read();
            long startsDone = measured.awaitDone(60_000_000_000L);
            measured.throwIfFailed();
            if (w > 0) {
                awaitCount(system.warmupKey(), warmupBase + w, System.nanoTime() + 60_000_000_000L, null, "warm-up tail");
            }
            long nodeAfter = nodeTasks.getAsLong();
            if (reached < 0) {
                long finished = rest.finishedCount(system.processKey) - base;
                return CellResult.timedOut(system, workers, m, finished, options.cellTimeout().toSeconds(), starterThreads, load);
            }
            double seconds = (reached - t0) / 1e9;
            double startSeconds = startsDone < 0 ? Double.NaN : (startsDone - t0) / 1e9;
            long onNode = nodeBefore < 0 || nodeAfter < 0 ? -1 : nodeAfter - nodeBefore;
            return new CellResult(system, workers, m, m, seconds, m / seconds, startSeconds, starterThreads, onNode,
                    w + m, clients.refusedCompletions(), load, null);
        }
    }

    /** (a) runs its task inside the start call, so its starters are its N workers. */
    private int startersFor(BenchSystem system, int workers) {
        return system == BenchSystem.IN_PROCESS ? workers : options.starters();
    }

    /** (c)'s workers are N Camunda clients in this JVM; the other systems' workers live in the server (or node). */
    private CamundaWorkers clientsFor(BenchSystem system, int workers) {
        return system == BenchSystem.CAMUNDA_CLIENT
                ? new CamundaWorkers(rest, system.topic, workers, options.asyncResponseTimeoutMs())
                : new CamundaWorkers(rest, system.topic, 0, options.asyncResponseTimeoutMs());
    }

    /** Polls the finished count every ~25 ms until it reaches {@code target}; the instant it did, or -1 at the deadline. */
    private long awaitCount(String key, long target, long deadline, Starters.Run starts, String phase)
            throws IOException, InterruptedException {
        while (System.nanoTime() < deadline) {
            if (rest.finishedCount(key) >= target) {
                return System.nanoTime();
            }
            if (starts != null) {
                starts.throwIfFailed();
            }
            Thread.sleep(POLL_MILLIS);
        }
        if (!phase.equals("measured run")) {
            throw new IOException(phase + " of " + key + " did not finish in time (" + rest.finishedCount(key) + "/" + target + ")");
        }
        return -1;
    }

    /** One cell's figures. */
    record CellResult(BenchSystem system, int workers, int instances, long finished, double seconds, double perSecond,
                      double startSeconds, int starterThreads, long nodeTasks, long expectedNodeTasks,
                      int refusedCompletions, CpuMeter.Reading load, String failure) {

        static CellResult timedOut(BenchSystem system, int workers, int instances, long finished, long timeoutSeconds,
                                   int starters, CpuMeter.Reading load) {
            return new CellResult(system, workers, instances, finished, timeoutSeconds, finished / (double) timeoutSeconds,
                    Double.NaN, starters, -1, 0, 0, load,
                    "timed out: " + finished + "/" + instances + " finished in " + timeoutSeconds + " s");
        }

        static CellResult failed(BenchSystem system, int workers, String why) {
            return new CellResult(system, workers, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, -1, 0, 0,
                    new CpuMeter.Reading(-1, new LinkedHashMap<>()), why);
        }

        boolean ok() {
            return failure == null;
        }

        /** For (b): did the node run (nearly) every task of the cell? */
        boolean ranOnNode() {
            return nodeTasks >= expectedNodeTasks - OVERLAP;
        }
    }
}
