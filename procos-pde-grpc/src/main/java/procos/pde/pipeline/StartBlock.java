package procos.pde.pipeline;

import io.grpc.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import procos.logging.StructuredLogger;
import procos.pde.v1.Mode;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskSpec;

/**
 * Start: accepts a request as a task — its id and type present and well-formed, its mode settled —
 * and fixes the one deadline the task runs under: the earliest of the caller's deadline, the spec's
 * deadline, the spec's timeout and the PDE's default.
 */
public final class StartBlock {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde.start");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private final String pdeId;
    private final Duration defaultTimeout;

    public StartBlock(String pdeId, Duration defaultTimeout) {
        this.pdeId = pdeId;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * @param callerDeadline the transport's deadline (gRPC call, external task lock), or null
     */
    public TaskContext start(TaskRequest request, Deadline callerDeadline) throws InvalidTaskException {
        long started = System.nanoTime();
        if (!request.hasSpec()) {
            throw new InvalidTaskException("spec", "required");
        }
        TaskSpec spec = request.getSpec();
        if (spec.getTaskId().isEmpty()) {
            throw new InvalidTaskException("spec.task_id", "required");
        }
        if (!ID.matcher(spec.getTaskId()).matches()) {
            throw new InvalidTaskException("spec.task_id", "must be 1-128 characters of letters, digits and . _ : -");
        }
        if (spec.getTaskType().isEmpty()) {
            throw new InvalidTaskException("spec.task_type", "required");
        }
        if (spec.getMode() == Mode.UNRECOGNIZED) {
            throw new InvalidTaskException("spec.mode", "unknown mode " + spec.getModeValue());
        }
        Mode mode = spec.getMode() == Mode.MODE_UNSPECIFIED ? Mode.DETERMINISTIC : spec.getMode();
        TaskContext context = new TaskContext(spec, mode, deadline(spec, callerDeadline), started, pdeId);
        LOG.debug("task_started").pdeId(pdeId).correlationId(spec.getCorrelation().getCorrelationId())
                .processInstanceId(spec.getCorrelation().getProcessInstanceId())
                .with("task_id", spec.getTaskId()).with("task_type", spec.getTaskType())
                .with("mode", mode.name()).durationSince(started).log();
        return context;
    }

    private Deadline deadline(TaskSpec spec, Deadline callerDeadline) {
        Deadline deadline = Deadline.after(defaultTimeout.toNanos(), TimeUnit.NANOSECONDS);
        if (spec.hasConstraints() && spec.getConstraints().hasTimeout()) {
            com.google.protobuf.Duration timeout = spec.getConstraints().getTimeout();
            deadline = deadline.minimum(Deadline.after(
                    saturatedNanos(Duration.ofSeconds(timeout.getSeconds(), timeout.getNanos())), TimeUnit.NANOSECONDS));
        }
        if (spec.hasDeadline()) {
            Instant at = Instant.ofEpochSecond(spec.getDeadline().getSeconds(), spec.getDeadline().getNanos());
            long nanos = saturatedNanos(Duration.between(Instant.now(), at));
            deadline = deadline.minimum(Deadline.after(nanos, TimeUnit.NANOSECONDS));
        }
        return callerDeadline == null ? deadline : deadline.minimum(callerDeadline);
    }

    /** Nanoseconds of {@code duration}, clamped to the long range (about 292 years) instead of overflowing. */
    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
