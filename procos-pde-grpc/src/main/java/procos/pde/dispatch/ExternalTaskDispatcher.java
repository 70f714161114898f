package procos.pde.dispatch;

import io.grpc.Context;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import procos.logging.LogContext;
import procos.logging.StructuredLogger;
import procos.pde.pipeline.InvalidTaskException;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.pool.Permit;
import procos.pde.v1.Correlation;
import procos.pde.v1.Mode;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

/**
 * Feeds the engine's external tasks to PDEs. One thread fetches and locks in batches — per lane at
 * most its window: the pool's free slots plus a small prefetch, so a saturated node leaves the rest
 * waiting in the engine — and sleeps until {@link WorkSignal} says a task was committed or a slot
 * freed up (a slow safety poll covers tasks created elsewhere). It queries a lane only when tasks
 * may be waiting for it: its last fetch filled the window, a task of one of its topics was committed
 * or handed back for a retry, or the safety poll came round — so a wake-up for one topic is one
 * query, not one per lane.
 *
 * <p>A worker runs a task in a gRPC context whose deadline is the task's, hands the outcome to a
 * reporter and goes straight on to the lane's next prefetched task, if there is one; the reporter
 * completes the task, reports a BPMN error, or reports a failure with retries and backoff, and the
 * engine raises an incident when retries run out. So a pool's slot is busy only while its PDE works,
 * not while the engine records the outcome (see {@link LaneWindow}). Locks are extended from the
 * fetch on, for tasks that wait for a slot or run long; tasks still waiting when the dispatcher
 * stops are unlocked at once, for other nodes to take.
 */
public final class ExternalTaskDispatcher implements AutoCloseable {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("dispatcher");
    private static final int MAX_REPORT_ATTEMPTS = 10;

    private final ExternalTaskService externalTasks;
    private final DispatchSettings settings;
    private final List<DispatchLane> lanes;
    private final List<LaneWindow> windows;
    private final WorkSignal signal;
    private final ExecutorService workers;
    private final ExecutorService reporters;
    private final ScheduledExecutorService lockKeeper;
    private final Thread fetcher;
    private volatile boolean running;

    /**
     * @param lanes one per PDE pool: its topics, its capacity, its executor
     */
    public ExternalTaskDispatcher(ExternalTaskService externalTasks, DispatchSettings settings, List<DispatchLane> lanes,
                                  WorkSignal signal) {
        this.externalTasks = externalTasks;
        this.settings = settings;
        this.lanes = List.copyOf(lanes);
        this.windows = this.lanes.stream().map(lane -> new LaneWindow(lane, settings.prefetch())).toList();
        this.signal = signal;
        int threads = lanes.stream().mapToInt(lane -> lane.pool().capacity()).sum();
        this.workers = Executors.newFixedThreadPool(Math.max(1, threads), named("procos-pde-worker"));
        this.reporters = Executors.newFixedThreadPool(Math.max(1, threads), named("procos-pde-reporter"));
        this.lockKeeper = Executors.newSingleThreadScheduledExecutor(named("procos-pde-locks"));
        this.fetcher = named("procos-pde-dispatcher").newThread(this::fetchLoop);
    }

    /** Releases the locks an earlier run of this node left behind, then starts fetching. */
    public void start() {
        int released = releaseStaleLocks();
        running = true;
        fetcher.start();
        LOG.info("dispatcher_started").with("worker_id", settings.workerId())
                .with("lanes", lanes.stream().map(lane -> lane.name() + "=" + lane.topics().get()).toList())
                .with("capacity", lanes.stream().mapToInt(lane -> lane.pool().capacity()).sum())
                .with("prefetch", settings.prefetch())
                .with("stale_locks_released", released).log();
    }

    /**
     * Unlocks every external task still locked under this node's worker id. Before the first fetch
     * nothing of this run holds a lock, so such a lock was taken by an earlier run that ended without
     * reporting its tasks (killed, or the machine lost power): the tasks are offered again now instead
     * of when their locks expire. A task that was running then runs again (at-least-once).
     *
     * @return how many tasks were unlocked
     */
    private int releaseStaleLocks() {
        int released = 0;
        try {
            for (ExternalTask task : externalTasks.createExternalTaskQuery().workerId(settings.workerId()).locked().list()) {
                try {
                    externalTasks.unlock(task.getId());
                    released++;
                } catch (ProcessEngineException gone) {
                    // completed or cancelled by its process meanwhile: nothing to release
                }
            }
        } catch (ProcessEngineException e) {
            LOG.warn("stale_locks_not_released").with("worker_id", settings.workerId()).with("released", released).error(e).log();
            return released;
        }
        if (released > 0) {
            LOG.info("stale_locks_released").with("worker_id", settings.workerId()).with("count", released).log();
        }
        return released;
    }

    /**
     * Stops fetching, lets running tasks finish and be reported within {@code grace}, and unlocks the
     * tasks that were fetched ahead and had not started; tasks still running after the grace return
     * to the engine when their lock expires.
     */
    public void stop(Duration grace) {
        running = false;
        signal.signal();
        fetcher.interrupt();
        try {
            fetcher.join(grace.toMillis());
            awaitQuietly(workers, grace);
            awaitQuietly(reporters, grace);
        } catch (InterruptedException e) {
            workers.shutdownNow();
            reporters.shutdownNow();
            Thread.currentThread().interrupt();
        }
        windows.forEach(this::giveBack);
        lockKeeper.shutdownNow();
        LOG.info("dispatcher_stopped").with("worker_id", settings.workerId()).log();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** Tasks running on a slot right now, over all lanes. */
    public int inFlight() {
        return lanes.stream().mapToInt(lane -> lane.pool().inFlight()).sum();
    }

    /** Tasks locked by this dispatcher right now: running, fetched ahead, or being reported. */
    public int held() {
        return windows.stream().mapToInt(LaneWindow::held).sum();
    }

    /** Each lane's pool and the tasks it holds now, in lane order; for dashboards. */
    public List<LaneLoad> loads() {
        return windows.stream().map(window -> new LaneLoad(window.lane().name(), window.lane().pool(), window.held())).toList();
    }

    private static void awaitQuietly(ExecutorService executor, Duration grace) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            executor.shutdownNow();
        }
    }

    /** Unlocks the tasks a lane fetched ahead and never started, so another node can take them now. */
    private void giveBack(LaneWindow window) {
        for (LaneWindow.Held held : window.drain()) {
            held.lockExtension().cancel(false);
            try {
                externalTasks.unlock(held.task().getId());
            } catch (RuntimeException e) {
                LOG.warn("task_unlock_failed").with("task_id", held.task().getId()).error(e).log();
            }
            window.released();
        }
    }

    private void fetchLoop() {
        // Per lane: may tasks be waiting for it? A lane is queried only then, so a wake-up for one
        // topic costs one query, not one per lane.
        boolean[] mayHaveWork = new boolean[lanes.size()];
        Arrays.fill(mayHaveWork, true);
        List<List<String>> served = new ArrayList<>(lanes.stream().map(lane -> lane.topics().get()).toList());
        while (running) {
            try {
                int fetched = 0;
                for (int i = 0; i < lanes.size(); i++) {
                    startWaiting(windows.get(i));
                    if (mayHaveWork[i] && windows.get(i).wantsFetch()) {
                        Fetch fetch = fetchInto(windows.get(i), served.get(i));
                        fetched += fetch.got();
                        if (fetch.asked() > 0) {
                            // Fewer than asked: the lane's queue is empty now; tasks created later signal their topic.
                            mayHaveWork[i] = fetch.got() == fetch.asked();
                        }
                    }
                }
                WorkSignal.Wake wake = fetched == 0
                        ? signal.await(settings.safetyPoll().toMillis(), TimeUnit.MILLISECONDS)
                        : signal.poll();
                for (int i = 0; i < lanes.size(); i++) {
                    List<String> topics = lanes.get(i).topics().get();
                    // A lane that now serves more topics (an endpoint registered) may find tasks created before.
                    mayHaveWork[i] |= wake.concerns(topics) || !topics.equals(served.get(i));
                    served.set(i, topics);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ProcessEngineException e) {
                if (!running) {
                    return;
                }
                LOG.warn("fetch_failed").error(e).log();
                Arrays.fill(mayHaveWork, true);
                sleepQuietly(settings.safetyPoll().toMillis());
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.error("fetch_failed").error(e).log();
                Arrays.fill(mayHaveWork, true);
                sleepQuietly(settings.safetyPoll().toMillis());
            }
        }
    }

    /** One fetch of a lane: how many tasks it asked for (the room in its window) and how many it got. */
    private record Fetch(int asked, int got) {
    }

    /**
     * Fetches at most as many of the lane's tasks as its window has room for; the rest wait in the
     * engine. Each task starts on a free slot of the lane's pool, or waits for one, locked.
     * {@code topics} are the lane's as read after the last wake-up.
     */
    private Fetch fetchInto(LaneWindow window, List<String> topics) {
        int room = Math.min(window.room(), settings.maxBatch());
        List<LockedExternalTask> tasks = fetch(topics, room);
        for (LockedExternalTask task : tasks) {
            window.took();
            window.park(new LaneWindow.Held(task, lockKeeper.scheduleAtFixedRate(() -> extendLock(task),
                    firstExtensionDelayMs(task), settings.lockDuration().toMillis() / 2, TimeUnit.MILLISECONDS)));
        }
        startWaiting(window);
        return new Fetch(room, tasks.size());
    }

    /**
     * Starts tasks that wait for a slot on the slots that are free, oldest first: the tasks just
     * fetched, and those a worker did not take itself because it found none waiting when it gave its
     * slot back, just before a fetched task was parked. Only this thread takes permits.
     */
    private void startWaiting(LaneWindow window) {
        while (true) {
            Optional<Permit> permit = window.lane().pool().tryAcquire();
            if (permit.isEmpty()) {
                return;
            }
            LaneWindow.Held held = window.next();
            if (held == null) {
                permit.get().close();
                return;
            }
            workers.execute(() -> work(window, held, permit.get()));
        }
    }

    private List<LockedExternalTask> fetch(List<String> served, int max) {
        if (served.isEmpty()) {
            return List.of();
        }
        ExternalTaskQueryBuilder query = externalTasks.fetchAndLock(max, settings.workerId());
        long lockMs = settings.lockDuration().toMillis();
        for (String topic : served) {
            query = query.topic(topic, lockMs).localVariables();
        }
        return query.execute();
    }

    /**
     * Runs tasks on one slot of the lane: this one, then whichever the lane fetched ahead, until
     * none is waiting; then gives the slot back. Each outcome goes to a reporter, so the slot does
     * not wait for the engine's transaction.
     */
    private void work(LaneWindow window, LaneWindow.Held first, Permit permit) {
        try {
            for (LaneWindow.Held held = first; held != null; held = running ? window.next() : null) {
                long started = System.nanoTime();
                Finished finished;
                try (LogContext.Scope scope = scopeOf(held.task())) {
                    finished = execute(window.lane().executor(), held.task());
                } finally {
                    held.lockExtension().cancel(false);
                }
                hand(window, held.task(), finished, started);
            }
        } finally {
            permit.close();
            signal.slotFreed();
        }
    }

    /** Reports on a reporter thread; on this one if the reporters are already stopping. */
    private void hand(LaneWindow window, LockedExternalTask task, Finished finished, long started) {
        Runnable reporting = () -> {
            try (LogContext.Scope scope = scopeOf(task)) {
                finished.reportTo(this, task, started);
            } finally {
                window.released();
                signal.slotFreed();
            }
        };
        try {
            reporters.execute(reporting);
        } catch (RejectedExecutionException stopping) {
            reporting.run();
        }
    }

    private static LogContext.Scope scopeOf(LockedExternalTask task) {
        return LogContext.with(LogContext.CORRELATION_ID, task.getId())
                .and(LogContext.PROCESS_INSTANCE_ID, task.getProcessInstanceId())
                .and(LogContext.PEO_ID, task.getProcessDefinitionKey()).open();
    }

    /**
     * How a task ended on its PDE, to be reported to the engine: the PDE's result, or a failure that
     * kept the PDE from producing one.
     */
    private record Finished(TaskResult result, String failureCode, String failureMessage, boolean retryable) {

        static Finished with(TaskResult result) {
            return new Finished(result, null, null, false);
        }

        static Finished failed(String code, String message, boolean retryable) {
            return new Finished(null, code, message, retryable);
        }

        void reportTo(ExternalTaskDispatcher dispatcher, LockedExternalTask task, long started) {
            if (result != null) {
                dispatcher.report(task, result, started);
            } else {
                dispatcher.fail(task, failureCode, failureMessage, retryable, started);
            }
        }
    }

    private Finished execute(TaskExecutor executor, LockedExternalTask task) {
        TaskRequest request;
        try {
            request = toRequest(task);
        } catch (IllegalArgumentException e) {
            return Finished.failed("INVALID_ARGUMENT", e.getMessage(), false);
        }
        try {
            Context.CancellableContext context = Context.current()
                    .withDeadlineAfter(timeoutOf(request).toMillis(), TimeUnit.MILLISECONDS, lockKeeper);
            try {
                return Finished.with(context.call(() -> executor.execute(request)));
            } finally {
                context.cancel(null);
            }
        } catch (InvalidTaskException e) {
            return Finished.failed("INVALID_ARGUMENT", e.getMessage(), false);
        } catch (Exception e) {
            return Finished.failed("UNAVAILABLE", String.valueOf(e.getMessage()), true);
        }
    }

    /**
     * Reports the result to the engine. Concurrent branches of one instance (a parallel join) make
     * the engine refuse all but one report with an optimistic-locking conflict; the lock is still
     * ours, so the report is simply repeated.
     */
    private void report(LockedExternalTask task, TaskResult result, long started) {
        for (int attempt = 1; ; attempt++) {
            try {
                reportOnce(task, result, started);
                return;
            } catch (OptimisticLockingException e) {
                if (attempt == MAX_REPORT_ATTEMPTS) {
                    LOG.warn("task_report_refused").with("task_id", task.getId()).with("attempts", attempt).error(e).log();
                    return;
                }
                sleepQuietly(ThreadLocalRandom.current().nextLong(1, 5L * attempt));
            }
        }
    }

    private void reportOnce(LockedExternalTask task, TaskResult result, long started) {
        try {
            switch (result.getStatus()) {
                case SUCCEEDED -> {
                    externalTasks.complete(task.getId(), settings.workerId(), TaskVariables.toVariables(result.getOutputs()));
                    LOG.info("task_completed").with("task_id", task.getId()).with("topic", task.getTopicName())
                            .with("endpoint", result.getEndpointId()).durationSince(started).log();
                }
                case BPMN_ERROR -> {
                    externalTasks.handleBpmnError(task.getId(), settings.workerId(), result.getError().getBpmnErrorCode(),
                            result.getError().getMessage(), TaskVariables.toVariables(result.getOutputs()));
                    LOG.info("task_bpmn_error").with("task_id", task.getId()).with("error_code", result.getError().getBpmnErrorCode())
                            .durationSince(started).log();
                }
                default -> fail(task, result.getError().getCode().isEmpty() ? result.getStatus().name() : result.getError().getCode(),
                        result.getError().getMessage(), result.getError().getRetryable() && result.getStatus() != TaskStatus.REJECTED, started);
            }
        } catch (OptimisticLockingException e) {
            throw e;
        } catch (ProcessEngineException e) {
            // The lock was lost (expired, task cancelled by the process): the engine owns the task again.
            LOG.warn("task_report_refused").with("task_id", task.getId()).error(e).durationSince(started).log();
        }
    }

    private void fail(LockedExternalTask task, String code, String message, boolean retryable, long started) {
        int retriesLeft = retryable ? (task.getRetries() == null ? settings.retries() : task.getRetries() - 1) : 0;
        int failures = settings.retries() - retriesLeft;
        long backoff = retriesLeft > 0 ? settings.retryBackoff().toMillis() << Math.max(0, Math.min(failures - 1, 10)) : 0;
        String text = code + ": " + message;
        try {
            externalTasks.handleFailure(task.getId(), settings.workerId(), truncate(text), text, Math.max(retriesLeft, 0), backoff);
        } catch (ProcessEngineException e) {
            LOG.warn("task_report_refused").with("task_id", task.getId()).error(e).log();
            return;
        }
        if (retriesLeft > 0) {
            // No commit listener fires for a retry: say when the task can be fetched again.
            try {
                lockKeeper.schedule(() -> signal.taskAvailable(task.getTopicName()), backoff, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // the dispatcher is stopping; the task waits in the engine for the next start
            }
        }
        LOG.warn("task_failed").with("task_id", task.getId()).with("topic", task.getTopicName()).with("code", code)
                .with("message", message).with("retries_left", Math.max(retriesLeft, 0)).with("backoff_ms", backoff)
                .durationSince(started).log();
    }

    /**
     * Half of what is left of the lock taken at fetch. The extension is scheduled at fetch, not when
     * the task starts running: a task that waits for a slot could otherwise lose its lock before the
     * first extension and be taken by another node.
     */
    private static long firstExtensionDelayMs(LockedExternalTask task) {
        long remaining = task.getLockExpirationTime().getTime() - System.currentTimeMillis();
        return Math.max(0, remaining / 2);
    }

    private void extendLock(LockedExternalTask task) {
        try {
            externalTasks.extendLock(task.getId(), settings.workerId(), settings.lockDuration().toMillis());
        } catch (RuntimeException e) {
            LOG.warn("lock_extension_failed").with("task_id", task.getId()).error(e).log();
        }
    }

    private TaskRequest toRequest(LockedExternalTask task) {
        Map<String, Object> variables = task.getVariables();
        Object taskType = variables.remove("pde_task_type");
        Object mode = variables.remove("pde_mode");
        Object timeout = variables.remove("pde_timeout");
        Object packedInputs = variables.remove("pde_inputs");
        if (packedInputs != null) {
            variables.putAll(TaskVariables.unpack("pde_inputs", packedInputs));
        }
        TaskSpec.Builder spec = TaskSpec.newBuilder()
                .setTaskId(task.getId())
                .setTaskType(taskType != null ? taskType.toString() : task.getTopicName())
                .setInputs(TaskVariables.toStruct(variables))
                .setCorrelation(Correlation.newBuilder()
                        .setCorrelationId(task.getBusinessKey() != null ? task.getBusinessKey() : task.getProcessInstanceId())
                        .setProcessInstanceId(task.getProcessInstanceId())
                        .setActivityId(task.getActivityId())
                        .setPeoId(task.getProcessDefinitionKey()));
        if (mode != null) {
            try {
                spec.setMode(Mode.valueOf(mode.toString().toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pde_mode: '" + mode + "' is not deterministic or probabilistic");
            }
        }
        if (timeout != null) {
            try {
                Duration parsed = Duration.parse(timeout.toString());
                spec.getConstraintsBuilder().setTimeout(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(parsed.getSeconds()).setNanos(parsed.getNano()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("pde_timeout: '" + timeout + "' is not an ISO-8601 duration such as PT30S");
            }
        }
        return TaskRequest.newBuilder().setSpec(spec).build();
    }

    /** The task's own timeout when its spec sets one, else the dispatcher's default. */
    private Duration timeoutOf(TaskRequest request) {
        if (request.getSpec().getConstraints().hasTimeout()) {
            com.google.protobuf.Duration timeout = request.getSpec().getConstraints().getTimeout();
            return Duration.ofSeconds(timeout.getSeconds(), timeout.getNanos());
        }
        return settings.taskTimeout();
    }

    private static String truncate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 597) + "...";
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
