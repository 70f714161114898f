package procos.pde.pipeline;

import java.util.ArrayList;
import java.util.List;
import procos.logging.StructuredLogger;
import procos.pde.v1.Finding;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Severity;

/**
 * Validate: decides whether an endpoint's answer is one the task can accept — no error reported,
 * every output the task type requires present, within the size the spec allows, and (when the spec
 * sets a threshold) confident enough. Findings of severity ERROR make the answer unacceptable; the
 * strategy then retries or falls back.
 */
public final class ValidateBlock {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde.validate");
    private static final long DEFAULT_MAX_OUTPUT_BYTES = 4L * 1024 * 1024;

    private final TaskRules rules;

    public ValidateBlock(TaskRules rules) {
        this.rules = rules;
    }

    public List<Finding> validate(TaskContext context, InvokeResponse response) {
        long started = System.nanoTime();
        List<Finding> findings = new ArrayList<>(response.getFindingsList());
        if (response.hasError() && !response.getError().getCode().isEmpty()) {
            findings.add(error("endpoint_error", response.getError().getCode() + ": " + response.getError().getMessage(), ""));
        }
        for (String output : rules.requiredOutputs(context.taskType())) {
            if (!response.getOutputs().containsFields(output)) {
                findings.add(error("required_output", "output '" + output + "' is missing", "outputs." + output));
            }
        }
        long maxBytes = context.spec().getConstraints().getMaxOutputBytes() > 0
                ? context.spec().getConstraints().getMaxOutputBytes() : DEFAULT_MAX_OUTPUT_BYTES;
        if (response.getOutputs().getSerializedSize() > maxBytes) {
            findings.add(error("max_output_bytes", "outputs are " + response.getOutputs().getSerializedSize()
                    + " bytes, over the " + maxBytes + "-byte limit", "outputs"));
        }
        double threshold = context.spec().getConstraints().getConfidenceThreshold();
        if (threshold > 0 && response.hasConfidence() && response.getConfidence() < threshold) {
            findings.add(Finding.newBuilder().setRule("confidence_threshold").setSeverity(Severity.WARNING)
                    .setMessage("confidence " + response.getConfidence() + " is below " + threshold).build());
        }
        LOG.debug("task_validated").pdeId(context.pdeId()).with("task_id", context.taskId())
                .with("errors", findings.stream().filter(ValidateBlock::isError).count()).durationSince(started).log();
        return findings;
    }

    public static boolean isError(Finding finding) {
        return finding.getSeverity() == Severity.ERROR;
    }

    public static boolean acceptable(List<Finding> findings) {
        return findings.stream().noneMatch(ValidateBlock::isError);
    }

    private static Finding error(String rule, String message, String fieldPath) {
        return Finding.newBuilder().setRule(rule).setSeverity(Severity.ERROR).setMessage(message).setFieldPath(fieldPath).build();
    }
}
