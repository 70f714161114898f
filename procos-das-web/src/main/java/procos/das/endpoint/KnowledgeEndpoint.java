package procos.das.endpoint;

import com.google.protobuf.Struct;
import io.grpc.Deadline;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import procos.das.knowledge.IngestionPlan;
import procos.das.knowledge.IngestionPlans;
import procos.das.knowledge.IngestionReport;
import procos.das.knowledge.KnowledgeIngestor;
import procos.das.knowledge.Outcome;
import procos.das.knowledge.progress.ProgressSnapshot;
import procos.das.knowledge.progress.ProgressTracker;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.HealthReports;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * Knowledge ingestion as a PDE endpoint, one task type per step of {@code knowledge_preload}:
 * {@value #SCAN} plans the run over {@code folder} (outputs {@code scan_id}, {@code to_index},
 * {@code to_remove}, {@code unchanged}); {@value #INDEX} indexes the source at {@code position} of
 * plan {@code scan_id}; {@value #FINISH} removes the sources that are gone and forgets the plan.
 * A source that cannot be read is recorded as failed in the manifest and its task still succeeds —
 * one bad file must not stop the knowledge base — while a failing vector store fails the task
 * (retryable), so the engine retries it and raises an incident when retries run out.
 */
public final class KnowledgeEndpoint implements Endpoint {

    public static final String ID = "das-knowledge";
    public static final String SCAN = "das.knowledge.scan";
    public static final String INDEX = "das.knowledge.index";
    public static final String FINISH = "das.knowledge.finish";

    /** Prefix of the progress outputs, which become the preload instance's variables. */
    static final String PROGRESS_PREFIX = "knowledge_";

    private final Supplier<KnowledgeIngestor> ingestor;
    private final IngestionPlans plans;
    /** Progress of each planned run, across its tasks; after a restart a run's count starts again. */
    private final Map<String, ProgressTracker> runs = new ConcurrentHashMap<>();

    public KnowledgeEndpoint(Supplier<KnowledgeIngestor> ingestor, IngestionPlans plans) {
        this.ingestor = ingestor;
        this.plans = plans;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EndpointDescription describe() {
        return FunctionEndpoints.describe(ID, "DAS knowledge ingestion: plan a folder, index one source, remove deleted sources.",
                SCAN, INDEX, FINISH);
    }

    @Override
    public EndpointHealth health() {
        return HealthReports.healthy();
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        InvokeInputs inputs = InvokeInputs.of(request.getInputs());
        try {
            return switch (request.getTaskType()) {
                case SCAN -> scan(folder(inputs.requiredString("folder")));
                case INDEX -> index(inputs.requiredString("scan_id"), position(inputs));
                case FINISH -> finish(inputs.requiredString("scan_id"));
                default -> throw new EndpointException("UNSUPPORTED_TASK_TYPE", ID + " does not run '" + request.getTaskType() + "'", false);
            };
        } catch (IOException e) {
            throw new EndpointException("KNOWLEDGE_IO", "knowledge base could not be read or written: " + e.getMessage(), true, e);
        }
    }

    private InvokeResponse scan(Path folder) throws IOException, EndpointException {
        IngestionPlan plan;
        try {
            plan = ingestor.get().plan(folder);
        } catch (IllegalArgumentException e) {
            throw InvokeInputs.invalid("folder: " + e.getMessage());
        }
        String id = plans.save(plan);
        ProgressTracker run = ingestor.get().trackPlannedRun(plan);
        runs.put(id, run);
        return response(progress(run.current())
                .putFields("scan_id", FunctionEndpoints.text(id))
                .putFields("to_index", FunctionEndpoints.number(plan.toIndex().size()))
                .putFields("to_remove", FunctionEndpoints.number(plan.gone().size()))
                .putFields("unchanged", FunctionEndpoints.number(plan.unchanged())));
    }

    private InvokeResponse index(String scanId, long position) throws IOException, EndpointException {
        IngestionPlan plan = plan(scanId);
        if (position >= plan.toIndex().size()) {
            throw InvokeInputs.invalid("position: " + position + " is past the plan's " + plan.toIndex().size() + " sources");
        }
        ProgressTracker run = run(scanId, plan);
        IngestionReport report = ingestor.get().ingestPlanned(plan, (int) position, run);
        failIfAborted(report);
        // Parallel instances all write these process variables; the last one to complete wins,
        // which is what a progress reading wants.
        return response(progress(run.current()));
    }

    private InvokeResponse finish(String scanId) throws IOException, EndpointException {
        IngestionPlan plan = plan(scanId);
        ProgressTracker run = run(scanId, plan);
        IngestionReport report = ingestor.get().removeGone(plan, run);
        failIfAborted(report);
        plans.remove(scanId);
        runs.remove(scanId);
        return response(progress(run.finish()).putFields("removed", FunctionEndpoints.number(report.count(Outcome.REMOVED))));
    }

    private ProgressTracker run(String scanId, IngestionPlan plan) {
        return runs.computeIfAbsent(scanId, id -> ingestor.get().trackPlannedRun(plan));
    }

    /** The run's progress as outputs: done/total, chunks, rate, ETA (see {@link ProgressSnapshot#asMap()}). */
    private static Struct.Builder progress(ProgressSnapshot snapshot) {
        Struct.Builder outputs = Struct.newBuilder();
        snapshot.asMap().forEach((name, value) -> outputs.putFields(PROGRESS_PREFIX + name, value instanceof Boolean flag
                ? FunctionEndpoints.bool(flag) : FunctionEndpoints.number(((Number) value).doubleValue())));
        return outputs;
    }

    private IngestionPlan plan(String scanId) throws IOException, EndpointException {
        return plans.find(scanId).orElseThrow(() -> InvokeInputs.invalid("scan_id: no preload plan '" + scanId
                + "' (finished already, or never made by " + SCAN + ")"));
    }

    private static void failIfAborted(IngestionReport report) throws EndpointException {
        if (report.abortReason().isPresent()) {
            throw new EndpointException("VECTOR_STORE_FAILED", report.abortReason().get(), true);
        }
    }

    /** The multi-instance loop counter: a whole number from 0. */
    private static long position(InvokeInputs inputs) throws EndpointException {
        double position = inputs.decimal("position", 0, Integer.MAX_VALUE).orElse(0);
        if (position != Math.rint(position)) {
            throw InvokeInputs.invalid("position: must be a whole number, got " + position);
        }
        return (long) position;
    }

    private static Path folder(String text) throws EndpointException {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw InvokeInputs.invalid("folder: '" + text + "' is not a path (" + e.getReason() + ")");
        }
    }

    private static InvokeResponse response(Struct.Builder outputs) {
        return InvokeResponse.newBuilder().setOutputs(outputs).build();
    }
}
