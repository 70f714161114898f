package procos.das.generation.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.camunda.bpm.model.bpmn.Bpmn;
import procos.das.generation.compile.CompiledProcess;
import procos.das.generation.compile.ProcessMetadata;
import procos.das.generation.context.ContextAssembler;
import procos.das.generation.context.GenerationContext;
import procos.das.generation.drafting.DraftRequest;
import procos.das.generation.governance.AuditEvent;
import procos.das.generation.governance.AuditEventType;
import procos.das.generation.governance.AuditLog;
import procos.das.generation.governance.Deployed;
import procos.das.generation.governance.GenerationPolicy;
import procos.das.generation.governance.ProcessVersions;
import procos.das.generation.intent.IntentNormalizer;
import procos.das.generation.intent.InvalidIntentException;
import procos.das.generation.intent.NormalizedIntent;
import procos.das.generation.store.Attempt;
import procos.das.generation.store.Decision;
import procos.das.generation.store.DeployedProcess;
import procos.das.generation.store.GenerationRecord;
import procos.das.generation.store.GenerationStatus;
import procos.das.generation.store.GenerationStore;
import procos.das.generation.store.UnknownGenerationException;
import procos.das.validation.Finding;

/**
 * The work of each {@code process_generation} step on a request's record. The drafting loop is the
 * process's: {@link #draft} writes one attempt, {@link #validate} judges it and says whether
 * another attempt is allowed; the findings of one attempt are what the next is asked to fix.
 */
public final class GenerationSteps {

    /** The deployment source of a generated process: the request's id follows, so a retried deploy finds its deployment. */
    public static final String DEPLOYMENT_SOURCE_PREFIX = "procos-generation:";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GenerationStore store;
    private final IntentNormalizer normalizer;
    private final ContextAssembler contextAssembler;
    private final DraftRound rounds;
    private final GenerationPolicy policy;
    private final ProcessVersions versions;
    private final AuditLog audit;
    private final ReservedKeys reservedKeys;
    private final ToIntFunction<String> nextVersion;
    private final int maxAttempts;
    private final Clock clock;

    public GenerationSteps(GenerationStore store, IntentNormalizer normalizer, ContextAssembler contextAssembler,
                           DraftRound rounds,
                           GenerationPolicy policy, ProcessVersions versions, AuditLog audit, ReservedKeys reservedKeys,
                           ToIntFunction<String> nextVersion, int maxAttempts, Clock clock) {
        this.store = store;
        this.normalizer = normalizer;
        this.contextAssembler = contextAssembler;
        this.rounds = rounds;
        this.policy = policy;
        this.versions = versions;
        this.audit = audit;
        this.reservedKeys = reservedKeys;
        this.nextVersion = nextVersion;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    /** Outputs {@code intent_ok}, {@code language}, {@code domain}; a refused intent ends the request as REFUSED. */
    public StepOutputs normalize(String id) throws UnknownGenerationException {
        long started = System.nanoTime();
        GenerationRecord record = store.get(id);
        try {
            NormalizedIntent normalized = normalizer.normalize(record.intent());
            if (record.requestedDomain() != null && !record.requestedDomain().isBlank()) {
                normalized = new NormalizedIntent(normalized.text(), normalized.language(), record.requestedDomain(), normalized.notes());
            }
            NormalizedIntent result = normalized;
            store.update(id, r -> r.withNormalized(result).withStatus(GenerationStatus.NORMALIZED, null).withTiming("normalize", ms(started)));
            return status(GenerationStatus.NORMALIZED).put("intent_ok", true)
                    .put("language", result.language()).put("domain", result.domain());
        } catch (InvalidIntentException e) {
            store.update(id, r -> r.withStatus(GenerationStatus.REFUSED, e.getMessage()).withTiming("normalize", ms(started)));
            return status(GenerationStatus.REFUSED).put("intent_ok", false).put("message", e.getMessage());
        }
    }

    /** Outputs the sizes of the context found: {@code patterns}, {@code similar_processes}, {@code knowledge}. */
    public StepOutputs assembleContext(String id) throws UnknownGenerationException {
        long started = System.nanoTime();
        GenerationRecord record = store.get(id);
        GenerationContext context = contextAssembler.assemble(record.normalized());
        store.update(id, r -> r.withContext(context).withStatus(GenerationStatus.CONTEXT_READY, null).withTiming("context", ms(started)));
        return status(GenerationStatus.CONTEXT_READY).put("patterns", context.patterns().size())
                .put("similar_processes", context.similarProcesses().size()).put("knowledge", context.knowledge().size());
    }

    /** Writes the next attempt: a draft compiled to BPMN, or the drafting or compiling problems as findings. */
    public StepOutputs draft(String id) throws UnknownGenerationException {
        long started = System.nanoTime();
        GenerationRecord record = store.get(id);
        Attempt previous = record.lastAttempt();
        if (previous != null && !previous.validated()) {
            // Run again after a crash: the attempt is written; validation has not judged it yet.
            return status(GenerationStatus.DRAFTED).put("attempt", previous.number()).put("drafter", previous.drafter());
        }
        int number = previous == null ? 1 : previous.number() + 1;
        DraftRequest request = previous == null ? DraftRequest.first(record.normalized(), record.context())
                : new DraftRequest(record.normalized(), record.context(), number, previous.description(), previous.findings());
        DraftRound.Drafted drafted = rounds.draft(request, new ProcessMetadata(record.processKey(), 1, record.intent(),
                record.normalized().domain(), record.initiator()), nextVersion);
        CompiledProcess compiled = drafted.compiled();
        store.update(id, r -> r.withAttempt(drafted.attempt(), compiled == null ? null : compiled.key(), compiled == null ? null : compiled.xml())
                .withStatus(GenerationStatus.DRAFTED, null).withTiming("draft", ms(started)));
        return status(GenerationStatus.DRAFTED).put("attempt", number).put("drafter", drafted.attempt().drafter());
    }

    /**
     * Validates the last attempt's BPMN. Outputs {@code valid}, {@code can_repair} (another attempt is
     * allowed and could help), {@code attempts}, {@code errors}, {@code findings} (a short summary).
     */
    public StepOutputs validate(String id) throws UnknownGenerationException {
        long started = System.nanoTime();
        GenerationRecord record = store.get(id);
        Attempt attempt = record.lastAttempt();
        if (attempt == null) {
            throw new IllegalStateException("generation " + id + " has no draft to validate");
        }
        GenerationRecord updated = record;
        Attempt judged = attempt;
        if (!attempt.validated()) {
            DraftRound.Judged result = rounds.validate(attempt, record.xml());
            judged = result.attempt();
            boolean valid = result.valid();
            boolean canRepair = !valid && judged.number() < maxAttempts && DraftRound.repairable(judged);
            GenerationStatus status = valid ? GenerationStatus.VALID : canRepair ? GenerationStatus.INVALID : GenerationStatus.FAILED;
            String message = valid ? null : canRepair ? "draft " + judged.number() + " has errors; drafting again with the findings"
                    : failureMessage(judged);
            Attempt written = judged;
            if (valid) {
                audit(AuditEventType.PROCESS_GENERATED, record.initiator(), record.withValidatedXml(result.stampedXml(), result.validationHash()),
                        null, "drafter " + judged.drafter() + ", attempt " + judged.number());
            }
            updated = store.update(id, r -> {
                GenerationRecord next = r.withAttempt(written, null, r.xml()).withStatus(status, message).withTiming("validate", ms(started));
                return result.valid() ? next.withValidatedXml(result.stampedXml(), result.validationHash()) : next;
            });
        }
        boolean valid = updated.status() == GenerationStatus.VALID;
        boolean canRepair = updated.status() == GenerationStatus.INVALID;
        long errors = judged.findings().stream().filter(Finding::blocks).count();
        return status(updated.status()).put("valid", valid).put("can_repair", canRepair).put("attempts", judged.number())
                .put("errors", errors).put("findings", summary(judged.findings()))
                .put("outcome", outcome(updated));
    }

    /** Outputs {@code policy_ok} and {@code approval_required}. */
    public StepOutputs checkPolicy(String id) throws UnknownGenerationException {
        long started = System.nanoTime();
        GenerationRecord record = store.get(id);
        List<Finding> findings = new ArrayList<>(policy.check(record.lastAttempt().description(),
                Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(record.xml().getBytes(StandardCharsets.UTF_8))),
                record.normalized().domain()));
        reservedKeys.problem(record.processKey())
                .ifPresent(problem -> findings.add(Finding.error("policy.reserved_key", record.processKey(), problem)));
        boolean ok = findings.stream().noneMatch(Finding::blocks);
        boolean approvalRequired = policy.approvalRequired(record.normalized().domain());
        GenerationStatus status = !ok ? GenerationStatus.BLOCKED_BY_POLICY
                : approvalRequired ? GenerationStatus.AWAITING_APPROVAL : GenerationStatus.APPROVED;
        String message = ok ? null : "blocked by policy: " + summary(findings);
        GenerationRecord updated = store.update(id, r -> r.withPolicyFindings(findings).withStatus(status, message).withTiming("policy", ms(started)));
        return status(status).put("policy_ok", ok).put("approval_required", approvalRequired)
                .put("findings", summary(findings)).put("outcome", outcome(updated));
    }

    /**
     * Records the decision that let the draft through and deploys it as the process's next version.
     * Run again after a crash it finds the deployment it made and does not deploy twice.
     */
    public StepOutputs deploy(String id, Decision decision) throws UnknownGenerationException {
        long started = System.nanoTime();
        GenerationRecord record = store.get(id);
        if (record.deployment() == null) {
            if (record.decision() == null) {
                audit(AuditEventType.PROCESS_APPROVED, decision.actor(), record, null, decision.comment());
                record = store.update(id, r -> r.withDecision(decision));
            }
            String source = DEPLOYMENT_SOURCE_PREFIX + id;
            DeployedProcess deployment = versions.deployedFrom(record.processKey(), source)
                    .map(version -> deployedProcess(version, clock))
                    .orElse(null);
            if (deployment == null) {
                Deployed deployed = versions.deploy(record.processKey(), record.xml(), "generated " + record.processKey(), source);
                deployment = deployedProcess(deployed.version(), clock);
                audit(AuditEventType.PROCESS_DEPLOYED, decision.actor(), record, deployment.version(),
                        "definition " + deployment.definitionId()
                                + (deployed.removedVersions().isEmpty() ? "" : "; versions removed " + deployed.removedVersions()));
            }
            DeployedProcess done = deployment;
            record = store.update(id, r -> r.withDeployment(done).withStatus(GenerationStatus.DEPLOYED, null)
                    .withTiming("deploy", ms(started)));
        }
        return status(GenerationStatus.DEPLOYED).put("process_key", record.deployment().processKey())
                .put("deployed_version", record.deployment().version())
                .put("definition_id", record.deployment().definitionId()).put("outcome", outcome(record));
    }

    /** Records a person's rejection; nothing is deployed. */
    public StepOutputs recordRejection(String id, Decision decision) throws UnknownGenerationException {
        GenerationRecord record = store.get(id);
        if (record.status() != GenerationStatus.REJECTED) {
            audit(AuditEventType.PROCESS_REJECTED, decision.actor(), record, null, decision.comment());
            record = store.update(id, r -> r.withDecision(decision).withStatus(GenerationStatus.REJECTED, decision.comment()));
        }
        return status(GenerationStatus.REJECTED).put("outcome", outcome(record));
    }

    /**
     * Writes an audit event before the record says the step is done, so a crash in between repeats
     * the event rather than losing it.
     */
    private void audit(AuditEventType type, String actor, GenerationRecord record, Integer version, String details) {
        AuditEvent event = AuditEvent.now(type, actor == null || actor.isBlank() ? "unknown" : actor,
                        record.processKey() == null ? "(none)" : record.processKey())
                .withVersion(version).withGenerationId(record.id()).withIntent(record.intent())
                .withValidationHash(record.validationHash()).withDetails(details);
        try {
            audit.append(event);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("audit event " + type.eventName() + " could not be written: " + e.getMessage(), e);
        }
    }

    private static DeployedProcess deployedProcess(procos.das.generation.governance.ProcessVersion version, Clock clock) {
        return new DeployedProcess(version.key(), version.version(), version.definitionId(), version.deploymentId(),
                version.deployedAt() == null ? clock.instant() : version.deployedAt());
    }

    private String failureMessage(Attempt attempt) {
        Finding first = attempt.findings().stream().filter(Finding::blocks).findFirst().orElse(null);
        String reason = first == null ? "the draft could not be validated" : first.message();
        return attempt.number() >= maxAttempts && DraftRound.repairable(attempt)
                ? "no valid draft after " + attempt.number() + " attempts; last problem: " + reason
                : reason;
    }

    private static String summary(List<Finding> findings) {
        return findings.stream().limit(10).map(Finding::toString).reduce((a, b) -> a + "\n" + b).orElse("")
                + (findings.size() > 10 ? "\n… and " + (findings.size() - 10) + " more" : "");
    }

    /** The outcome as the process keeps it: status, attempts, error and warning counts, timings. */
    static String outcome(GenerationRecord record) {
        Attempt last = record.lastAttempt();
        long errors = last == null ? 0 : last.findings().stream().filter(Finding::blocks).count();
        long warnings = last == null ? 0 : last.findings().size() - errors;
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("status", record.status());
        outcome.put("attempts", record.attempts().size());
        outcome.put("errors", errors);
        outcome.put("warnings", warnings);
        outcome.put("policy_findings", record.policyFindings().size());
        outcome.put("timings_ms", record.timingsMs());
        try {
            return JSON.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the outcome could not be written as JSON", e);
        }
    }

    private static StepOutputs status(GenerationStatus status) {
        return new StepOutputs().put("status", status.name());
    }

    private static long ms(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
