package procos.pde.pipeline;

import com.google.protobuf.Struct;
import java.util.ArrayList;
import java.util.List;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.v1.Attempt;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.Finding;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Iteration;
import procos.pde.v1.TaskStatus;

/**
 * Probabilistic mode: propose → evaluate → converge. Each iteration (numbered from 0) asks the
 * endpoint for a proposal, giving it the previous proposal and what was wrong with it; Validate
 * evaluates the proposal; the task converges when an acceptable proposal reaches the confidence
 * threshold, or stops at {@code max_iterations} and fails with LOW_CONFIDENCE, reporting every
 * iteration and the best proposal either way. A failing endpoint hands over to the next one; when
 * none is left before {@code max_iterations}, the task fails with the last endpoint error.
 */
public final class ProbabilisticStrategy implements ExecutionStrategy {

    private static final int DEFAULT_MAX_ITERATIONS = 3;
    private static final double DEFAULT_THRESHOLD = 0.8;

    private final EndpointCall call;
    private final ValidateBlock validate;
    private final HealthProbe health;

    public ProbabilisticStrategy(EndpointCall call, ValidateBlock validate, HealthProbe health) {
        this.call = call;
        this.validate = validate;
        this.health = health;
    }

    @Override
    public Outcome run(TaskContext context, RoutePlan plan) {
        int maxIterations = context.spec().getConstraints().getMaxIterations() > 0
                ? context.spec().getConstraints().getMaxIterations() : DEFAULT_MAX_ITERATIONS;
        double threshold = context.spec().getConstraints().getConfidenceThreshold() > 0
                ? context.spec().getConstraints().getConfidenceThreshold() : DEFAULT_THRESHOLD;
        List<Attempt> attempts = new ArrayList<>();
        List<Iteration> iterations = new ArrayList<>();
        List<Finding> feedback = List.of();
        Struct previous = null;
        Proposal best = null;
        int endpointIndex = 0;
        ErrorDetail lastError = null;
        for (int index = 0; index < maxIterations && endpointIndex < plan.endpoints().size(); index++) {
            if (context.deadline().isExpired()) {
                return withIterations(Outcome.failed(DeterministicStrategy.deadlineError(context), attempts, feedback), iterations, best);
            }
            Endpoint endpoint = plan.endpoints().get(endpointIndex);
            long started = System.nanoTime();
            InvokeRequest.Builder request = Attempts.request(context).setIteration(index).addAllFeedback(feedback);
            if (previous != null) {
                request.setPreviousOutputs(previous);
            }
            InvokeResponse response;
            try {
                response = call.invoke(endpoint, request.build(), context.deadline());
            } catch (EndpointException e) {
                attempts.add(Attempts.failure(endpoint.id(), e, started, index));
                lastError = Attempts.error(e);
                if (e.code().equals(EndpointCall.CANCELLED)) {
                    break;
                }
                health.forget(endpoint);
                endpointIndex++;
                index--;
                continue;
            }
            List<Finding> findings = validate.validate(context, response);
            double confidence = response.hasConfidence() ? response.getConfidence() : 0.0;
            iterations.add(Iteration.newBuilder().setIndex(index).setConfidence(confidence)
                    .setProposalSummary(response.getSummary().isEmpty() ? endpoint.id() + " proposal " + index : response.getSummary())
                    .build());
            boolean acceptable = ValidateBlock.acceptable(findings);
            attempts.add(acceptable ? Attempts.success(endpoint.id(), started, index) : Attempts.invalid(endpoint.id(), findings, started, index));
            if (acceptable && (best == null || confidence > best.confidence)) {
                best = new Proposal(response.getOutputs(), confidence, endpoint.id(), findings);
            }
            if (acceptable && confidence >= threshold) {
                return new Outcome(TaskStatus.SUCCEEDED, best.outputs, best.confidence, best.endpointId, attempts, iterations, best.findings, null);
            }
            feedback = findings;
            previous = response.getOutputs();
        }
        ErrorDetail error = iterations.size() >= maxIterations || lastError == null
                ? ErrorDetail.newBuilder().setCode("LOW_CONFIDENCE")
                        .setMessage("no proposal reached confidence " + threshold + " in " + iterations.size() + " iteration(s)"
                                + (best == null ? "" : "; best was " + best.confidence))
                        .setRetryable(false).build()
                : lastError;
        return withIterations(Outcome.failed(error, attempts, feedback), iterations, best);
    }

    private static Outcome withIterations(Outcome failed, List<Iteration> iterations, Proposal best) {
        return new Outcome(failed.status(), best == null ? failed.outputs() : best.outputs, best == null ? 0 : best.confidence,
                best == null ? "" : best.endpointId, failed.attempts(), iterations, failed.findings(), failed.error());
    }

    private record Proposal(Struct outputs, double confidence, String endpointId, List<Finding> findings) {
    }
}
