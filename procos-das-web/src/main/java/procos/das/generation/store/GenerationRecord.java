package procos.das.generation.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import procos.das.generation.context.GenerationContext;
import procos.das.generation.intent.NormalizedIntent;
import procos.das.validation.Finding;

/**
 * Everything known about one generation request. Immutable: each step returns a changed copy,
 * which the store writes in one piece.
 *
 * @param processKey     the key asked for, or the compiled draft's key once drafted
 * @param instanceId     the {@code process_generation} instance working on it
 * @param xml            the latest compiled draft (stamped with its validation hash once valid)
 * @param policyFindings what the policy check found
 * @param timingsMs      time spent per step (drafting and validation summed over attempts)
 */
public record GenerationRecord(String id, String intent, String initiator, Instant submittedAt, String requestedDomain,
                               String processKey, String instanceId, GenerationStatus status, String message,
                               NormalizedIntent normalized, GenerationContext context, List<Attempt> attempts,
                               String xml, String validationHash, List<Finding> policyFindings, Decision decision,
                               DeployedProcess deployment, Map<String, Long> timingsMs, Instant updatedAt) {

    public GenerationRecord {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        policyFindings = policyFindings == null ? List.of() : List.copyOf(policyFindings);
        timingsMs = timingsMs == null ? Map.of() : Map.copyOf(timingsMs);
    }

    public static GenerationRecord submitted(String id, String intent, String initiator, String domain, String processKey, Instant at) {
        return new GenerationRecord(id, intent, initiator, at, domain, processKey, null, GenerationStatus.SUBMITTED, null,
                null, null, List.of(), null, null, List.of(), null, null, Map.of(), at);
    }

    public GenerationRecord withInstance(String processInstanceId) {
        return new GenerationRecord(id, intent, initiator, submittedAt, requestedDomain, processKey, processInstanceId, status,
                message, normalized, context, attempts, xml, validationHash, policyFindings, decision, deployment, timingsMs, updatedAt);
    }

    public GenerationRecord withStatus(GenerationStatus newStatus, String newMessage) {
        return new GenerationRecord(id, intent, initiator, submittedAt, requestedDomain, processKey, instanceId, newStatus,
                newMessage, normalized, context, attempts, xml, validationHash, policyFindings, decision, deployment, timingsMs, updatedAt);
    }

    public GenerationRecord withNormalized(NormalizedIntent value) {
        return new GenerationRecord(id, intent, initiator, submittedAt, requestedDomain, processKey, instanceId, status,
                message, value, context, attempts, xml, validationHash, policyFindings, decision, deployment, timingsMs, updatedAt);
    }

    public GenerationRecord withContext(GenerationContext value) {
        return new GenerationRecord(id, intent, initiator, submittedAt, requestedDomain, processKey, instanceId, status,
                message, normalized, value, attempts, xml, validationHash, policyFindings, decision, deployment, timingsMs, updatedAt);
    }

    /** Adds an attempt, or replaces the last one when it has the same number (its validation result). */
    public GenerationRecord withAttempt(Attempt attempt, String compiledKey, String compiledXml) {
        List<Attempt> all = attempts.isEmpty() || attempts.get(attempts.size() - 1).number() != attempt.number()
                ? Stream.concat(attempts.stream(), Stream.of(attempt)).toList()
                : Stream.concat(attempts.stream().limit(attempts.size() - 1L), Stream.of(attempt)).toList();
        return new GenerationRecord(id, intent, initiator, submittedAt, requestedDomain,
                compiledKey == null ? processKey : compiledKey, instanceId, status, message, normalized, context, all,
                compiledXml, null, policyFindings, decision, deployment, timingsMs, updatedAt);
    }

    public GenerationRecord withValidatedXml(String stampedXml, String hash) {
        return new GenerationRecord(id, intent, initiator, submittedAt, requestedDomain, processKey, instanceId, status,
                message, normalized, context, attempts, stampedXml, hash, policyFindings, decision, deployment, timingsMs, updatedAt);
    }

    public GenerationRecord withPolicyFindings(List<Finding> findings) {
        return new GenerationRecord(id, intent, initiator, submittedAt, requestedDomain, processKey, instanceId, status,
                message, normalized, context, attempts, xml, validationHash, findings, decision, deployment, timingsMs, updatedAt);
    }

    public GenerationRecord withDecision(Decision value) {
        return new GenerationRecord(id, intent, initiator, submittedAt, requestedDomain, processKey, instanceId, status,
                message, normalized, context, attempts, xml, validationHash, policyFindings, value, deployment, timingsMs, updatedAt);
    }

    public GenerationRecord withDeployment(DeployedProcess value) {
        return new GenerationRecord(id, intent, initiator, submittedAt, requestedDomain, processKey, instanceId, status,
                message, normalized, context, attempts, xml, validationHash, policyFindings, decision, value, timingsMs, updatedAt);
    }

    /** Adds {@code ms} to the time spent in {@code step}. */
    public GenerationRecord withTiming(String step, long ms) {
        Map<String, Long> timings = new LinkedHashMap<>(timingsMs);
        timings.merge(step, ms, Long::sum);
        return new GenerationRecord(id, intent, initiator, submittedAt, requestedDomain, processKey, instanceId, status,
                message, normalized, context, attempts, xml, validationHash, policyFindings, decision, deployment, timings, updatedAt);
    }

    public GenerationRecord touched(Instant at) {
        return new GenerationRecord(id, intent, initiator, submittedAt, requestedDomain, processKey, instanceId, status,
                message, normalized, context, attempts, xml, validationHash, policyFindings, decision, deployment, timingsMs, at);
    }

    public Attempt lastAttempt() {
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }
}
