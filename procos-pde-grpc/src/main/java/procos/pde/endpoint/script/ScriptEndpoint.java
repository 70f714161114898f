package procos.pde.endpoint.script;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.Durations;
import io.grpc.Deadline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import procos.logging.LogEvent;
import procos.logging.LogLevel;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.ConfiguredEndpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.HealthReports;
import procos.pde.endpoint.InvocationLog;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.endpoint.JsonBody;
import procos.pde.endpoint.TimeBudget;
import procos.pde.pool.EndpointConfig;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointKind;
import procos.pde.v1.EndpointLimits;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * Runs Python and shell scripts for processes ({@code kind: script}), task type {@code script.run}:
 * a file from {@code scripts_dir} ({@code script_file}) or, if allowed, source given inline
 * ({@code script}), run by an interpreter from {@code allowed_commands} ({@code interpreter}).
 * The script gets the task's other inputs as one JSON object on standard input, and its standard
 * output becomes the outputs ({@link ScriptOutputs}).
 *
 * <p>Each run is contained as far as a plain process can be: a fresh working directory under
 * {@code sandbox_root} that is also its {@code HOME} and is deleted afterwards; an environment of
 * {@code PATH}, {@code LANG}, {@code HOME} and the configured {@code env.*} variables only, so the
 * server's own secrets never reach a script; at most {@code max_output_bytes} of output; and at
 * most {@code max_execution_time} (or what is left of the task's deadline), after which the script
 * and every process it started are killed.
 *
 * <p>Errors, all non-retryable {@link EndpointException}s: {@code SCRIPT_FAILED} (non-zero exit,
 * with the end of stderr), {@code DEADLINE_EXCEEDED}, {@code OUTPUT_TOO_LARGE},
 * {@code OUTPUT_NOT_JSON}, {@code COMMAND_NOT_ALLOWED}, {@code INLINE_SCRIPT_NOT_ALLOWED},
 * {@code PATH_OUTSIDE_SCRIPTS_DIR}, {@code SCRIPT_NOT_FOUND}, {@code INVALID_INPUT},
 * {@code SANDBOX_ERROR}, {@code CANCELLED}. One {@code script_run} event is logged per call,
 * without source, inputs or outputs.
 */
public final class ScriptEndpoint extends ConfiguredEndpoint<ScriptSettings> {

    public static final String RUN = "script.run";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("endpoint.script");
    /** Inputs that tell the endpoint what to run; the script gets the others. */
    private static final Set<String> CONTROL_INPUTS = Set.of(ScriptSource.SCRIPT, ScriptSource.SCRIPT_FILE,
            ScriptSource.INTERPRETER, ScriptOutputs.OUTPUT);
    private static final String INLINE_FILE_NAME = "inline-script";


    public ScriptEndpoint(String id, ScriptSettings settings) {
        super(id, settings);
    }

    /**
     * The endpoint a {@code script} entry of the PDE manager configuration declares; creates the
     * sandbox root if it does not exist.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault
     */
    public static ScriptEndpoint fromConfig(EndpointConfig config) {
        return new ScriptEndpoint(config.id(), ScriptSettings.from(config));
    }

    /** Healthy while the sandbox root can take working directories and every interpreter is still there. */
    @Override
    public EndpointHealth health() {
        if (!Files.isDirectory(settings().sandboxRoot()) || !Files.isWritable(settings().sandboxRoot())) {
            return HealthReports.of(HealthState.UNHEALTHY, "the sandbox root is no longer a writable directory");
        }
        for (Map.Entry<String, Path> command : settings().commands().executables().entrySet()) {
            if (!Files.isExecutable(command.getValue())) {
                return HealthReports.of(HealthState.UNHEALTHY, "interpreter '" + command.getKey() + "' is no longer executable");
            }
        }
        return HealthReports.healthy();
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        long started = System.nanoTime();
        ScriptSource source = null;
        try {
            if (!request.getTaskType().equals(RUN)) {
                throw ScriptErrors.of(ScriptErrors.UNSUPPORTED_TASK_TYPE, "endpoint " + id() + " runs " + RUN
                        + ", not '" + request.getTaskType() + "'");
            }
            InvokeInputs inputs = InvokeInputs.of(request.getInputs());
            source = ScriptSource.from(inputs, settings());
            ScriptOutputs.Format format = ScriptOutputs.format(inputs.string(ScriptOutputs.OUTPUT));
            ScriptProcess.Result result = run(source, request.getInputs(), deadline);
            Struct outputs = ScriptOutputs.read(result.stdout(), format, source.label());
            log(LogLevel.INFO, request, source, "ok", started)
                    .with("exit_code", result.exitCode()).with("stdout_bytes", result.stdout().length).log();
            return InvokeResponse.newBuilder().setOutputs(outputs).build();
        } catch (EndpointException e) {
            log(LogLevel.WARN, request, source, e.code(), started).log();
            throw e;
        }
    }

    private ScriptProcess.Result run(ScriptSource source, Struct inputs, Deadline deadline) throws EndpointException {
        Duration limit = TimeBudget.effective(settings().maxExecutionTime(), OptionalLong.empty(), deadline);
        if (limit.isNegative() || limit.isZero()) {
            throw ScriptErrors.of(ScriptErrors.DEADLINE_EXCEEDED, "the task's deadline passed before script "
                    + source.label() + " could start");
        }
        try (WorkDirectory work = WorkDirectory.create(settings().sandboxRoot())) {
            Path script = source.file().isPresent() ? source.file().get() : writeInline(work, source.inline().orElseThrow());
            ScriptProcess.Result result = ScriptProcess.run(List.of(source.executable().toString(), script.toString()),
                    work.path(), environment(work.path()), stdin(inputs), limit, settings().maxOutputBytes());
            switch (result.ending()) {
                case TIMED_OUT -> throw ScriptErrors.of(ScriptErrors.DEADLINE_EXCEEDED, "script " + source.label()
                        + " was killed after " + limit.toMillis() + " ms, the limit set by "
                        + (limit.equals(settings().maxExecutionTime()) ? "max_execution_time" : "the task's deadline"));
                case OUTPUT_TOO_LARGE -> throw ScriptErrors.of(ScriptErrors.OUTPUT_TOO_LARGE, "script " + source.label()
                        + " printed more than max_output_bytes (" + settings().maxOutputBytes() + ") and was killed");
                case OUTPUT_LEFT_OPEN -> throw ScriptErrors.of(ScriptErrors.SANDBOX_ERROR, "script " + source.label()
                        + " ended, but a process it started kept its output open and could not be killed");
                default -> {
                    if (result.exitCode() != 0) {
                        throw ScriptErrors.failed(source.label(), result.exitCode(), result.stderr());
                    }
                }
            }
            return result;
        }
    }

    private static Path writeInline(WorkDirectory work, String source) throws EndpointException {
        try {
            return Files.writeString(work.path().resolve(INLINE_FILE_NAME), source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ScriptErrors.of(ScriptErrors.SANDBOX_ERROR, "cannot write the inline script to the working directory: "
                    + e.getClass().getSimpleName());
        }
    }

    /** The whole environment of a run: nothing is inherited from the server. */
    private Map<String, String> environment(Path workDirectory) {
        Map<String, String> environment = new HashMap<>(settings().environment());
        environment.put("PATH", settings().searchPath());
        environment.put("LANG", settings().lang());
        environment.put("HOME", workDirectory.toString());
        return environment;
    }

    private static byte[] stdin(Struct inputs) {
        Struct.Builder forScript = inputs.toBuilder();
        CONTROL_INPUTS.forEach(forScript::removeFields);
        return JsonBody.write(Value.newBuilder().setStructValue(forScript).build());
    }

    private LogEvent log(LogLevel level, InvokeRequest request, ScriptSource source, String outcome, long started) {
        LogEvent event = InvocationLog.event(LOG, level, "script_run", id(), request);
        if (source != null) {
            event.with("script", source.label()).with("interpreter", source.interpreter());
        }
        return event.with("outcome", outcome).durationSince(started);
    }

    @Override
    protected EndpointDescription description() {
        com.google.protobuf.Duration limit = Durations.fromNanos(settings().maxExecutionTime().toNanos());
        return EndpointDescription.newBuilder()
                .setEndpointId(id())
                .setKind(EndpointKind.FUNCTION)
                .setVersion("1")
                .setDescription("Runs scripts with " + settings().commands()
                        + (settings().allowInlineScripts() ? ", inline or" : ", only") + " from scripts_dir")
                .addCapabilities(Capability.newBuilder().setTaskType(RUN))
                .setLimits(EndpointLimits.newBuilder().setDefaultTimeout(limit).setMaxTimeout(limit))
                .build();
    }
}
