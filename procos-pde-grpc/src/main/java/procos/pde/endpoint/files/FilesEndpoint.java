package procos.pde.endpoint.files;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Deadline;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import procos.logging.LogEvent;
import procos.logging.LogLevel;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.ConfiguredEndpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.HealthReports;
import procos.pde.endpoint.InvocationLog;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.pool.EndpointConfig;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointKind;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * Gives processes a directory to work in ({@code kind: files}): {@code files.read},
 * {@code files.write}, {@code files.list} and {@code files.delete}, with every path relative to
 * the sandbox {@code root} and refused with {@code PATH_OUTSIDE_SANDBOX} if it could lead anywhere
 * else, by spelling ({@link SandboxPath}) or by symbolic links ({@link Sandbox}).
 *
 * <p>Other errors, all thrown as non-retryable {@link EndpointException}s: {@code READ_ONLY}
 * (write or delete on a {@code read_only} endpoint, which then does not offer them either),
 * {@code NOT_FOUND}, {@code FILE_TOO_LARGE} ({@code max_file_bytes}), {@code FILE_EXISTS},
 * {@code DIRECTORY_NOT_EMPTY}, {@code INVALID_INPUT}, {@code PERMISSION_DENIED}, {@code IO_ERROR}.
 * One {@code file_operation} event is logged per call, with the path as given but never content.
 */
public final class FilesEndpoint extends ConfiguredEndpoint<FilesSettings> {

    public static final String READ = "files.read";
    public static final String WRITE = "files.write";
    public static final String LIST = "files.list";
    public static final String DELETE = "files.delete";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("endpoint.files");

    private final Map<String, FileOperation> operations = new LinkedHashMap<>();

    public FilesEndpoint(String id, FilesSettings settings) {
        super(id, settings);
        Sandbox sandbox = new Sandbox(settings.root());
        operations.put(READ, new ReadFile(sandbox, settings.maxFileBytes()));
        operations.put(WRITE, new WriteFile(sandbox, settings.maxFileBytes()));
        operations.put(LIST, new ListFiles(sandbox));
        operations.put(DELETE, new DeleteFile(sandbox));
    }

    /**
     * The endpoint a {@code files} entry of the PDE manager configuration declares; creates the
     * root directory if it does not exist.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault
     */
    public static FilesEndpoint fromConfig(EndpointConfig config) {
        return new FilesEndpoint(config.id(), FilesSettings.from(config));
    }

    /** Healthy while the root is still a directory; a removed or unmounted root takes it out of routing. */
    @Override
    public EndpointHealth health() {
        return Files.isDirectory(settings().root())
                ? HealthReports.healthy()
                : HealthReports.of(HealthState.UNHEALTHY, "the sandbox root is no longer a directory");
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        long started = System.nanoTime();
        try {
            Struct outputs = run(request, deadline);
            log(LogLevel.INFO, request, "ok", started).log();
            return InvokeResponse.newBuilder().setOutputs(outputs).build();
        } catch (EndpointException e) {
            log(LogLevel.WARN, request, e.code(), started).with("retryable", e.retryable()).log();
            throw e;
        }
    }

    private Struct run(InvokeRequest request, Deadline deadline) throws EndpointException {
        FileOperation operation = operations.get(request.getTaskType());
        if (operation == null) {
            throw new EndpointException(FileErrors.UNSUPPORTED_TASK_TYPE, "endpoint " + id() + " runs "
                    + String.join(", ", operations.keySet()) + ", not '" + request.getTaskType() + "'", false);
        }
        if (operation.changes() && settings().readOnly()) {
            throw new EndpointException(FileErrors.READ_ONLY, "endpoint " + id() + " is read-only", false);
        }
        if (deadline != null && deadline.isExpired()) {
            throw new EndpointException(FileErrors.DEADLINE_EXCEEDED, "deadline passed before " + request.getTaskType(), true);
        }
        return operation.run(InvokeInputs.of(request.getInputs()));
    }

    private LogEvent log(LogLevel level, InvokeRequest request, String outcome, long started) {
        Value path = request.getInputs().getFieldsMap().get("path");
        LogEvent event = InvocationLog.event(LOG, level, "file_operation", id(), request);
        if (path != null && path.hasStringValue()) {
            event.with("path", FileErrors.show(path.getStringValue()));
        }
        return event.with("outcome", outcome).durationSince(started);
    }

    @Override
    protected EndpointDescription description() {
        EndpointDescription.Builder description = EndpointDescription.newBuilder()
                .setEndpointId(id())
                .setKind(EndpointKind.CONNECTOR)
                .setVersion("1")
                .setDescription(settings().readOnly()
                        ? "Reads and lists files in a sandbox directory (read-only)"
                        : "Reads, writes, lists and deletes files in a sandbox directory");
        operations.forEach((taskType, operation) -> {
            if (!(operation.changes() && settings().readOnly())) {
                description.addCapabilities(Capability.newBuilder().setTaskType(taskType));
            }
        });
        return description.build();
    }
}
