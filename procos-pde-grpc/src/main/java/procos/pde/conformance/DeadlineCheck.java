package procos.pde.conformance;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.InvokeResponse;

/**
 * Checks that the endpoint stops working when a call's deadline passes. The caller's side ends at
 * the deadline whatever the endpoint does, so the client alone proves nothing: the check watches
 * {@code EndpointHealth.in_flight} instead. It calls a slow example with a short deadline, sees
 * the call counted while it runs, and then requires the count to drop back well before the example
 * would have finished on its own.
 */
final class DeadlineCheck {

    static final String DEADLINE_STOPS_WORK = "deadline_stops_work";

    /** The short deadline the slow example is called with. */
    static final Duration CALL_DEADLINE = Duration.ofMillis(300);
    /** Longest the endpoint may take to notice the deadline; at most half the example's own duration. */
    static final Duration MAX_STOP_DELAY = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private DeadlineCheck() {
    }

    static CheckResult run(EndpointProbe probe, List<DescribedCall> calls, int inFlightBefore) {
        Optional<DescribedCall> slow = calls.stream().filter(DescribedCall::slow).findFirst();
        if (slow.isEmpty()) {
            return CheckResult.skipped(DEADLINE_STOPS_WORK, "no call example declares an expected_duration of "
                    + DescribedCall.SLOW.toSeconds() + " s or more, so no call is known to outlast a short deadline");
        }
        try {
            return watch(probe, slow.get(), inFlightBefore);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(DEADLINE_STOPS_WORK, "interrupted before the check could finish");
        }
    }

    private static CheckResult watch(EndpointProbe probe, DescribedCall slow, int inFlightBefore)
            throws InterruptedException {
        String what = slow.label() + " (expected_duration " + slow.expectedDuration().toMillis() + " ms) called with a "
                + CALL_DEADLINE.toMillis() + " ms deadline";
        long started = System.nanoTime();
        ListenableFuture<InvokeResponse> call = probe.startInvoke(slow.request(), CALL_DEADLINE);
        int mostInFlight = inFlightBefore;
        while (!call.isDone()) {
            mostInFlight = Math.max(mostInFlight, inFlight(probe).orElse(0));
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        Duration callTook = Duration.ofNanos(System.nanoTime() - started);
        Reply<InvokeResponse> reply = outcome(call);
        if (reply.ok()) {
            return CheckResult.fail(DEADLINE_STOPS_WORK, what + " answered OK after " + callTook.toMillis()
                    + " ms; the example is not slow, or the deadline was not applied");
        }
        if (reply.code() != Status.Code.DEADLINE_EXCEEDED && reply.code() != Status.Code.CANCELLED) {
            return CheckResult.fail(DEADLINE_STOPS_WORK, what + " ended with " + reply.describeStatus()
                    + "; expected DEADLINE_EXCEEDED or CANCELLED");
        }
        if (mostInFlight <= inFlightBefore) {
            if (callTook.compareTo(CALL_DEADLINE) < 0) {
                return CheckResult.pass(DEADLINE_STOPS_WORK, what + " was given up at once with "
                        + reply.describeStatus() + " (not enough time for the work)");
            }
            return CheckResult.fail(DEADLINE_STOPS_WORK, what + ": Health.in_flight never counted the running call,"
                    + " so whether the endpoint stops at the deadline cannot be seen; count running Invoke calls in in_flight");
        }
        return awaitStop(probe, what, reply, slow, inFlightBefore);
    }

    private static CheckResult awaitStop(EndpointProbe probe, String what, Reply<InvokeResponse> reply,
                                         DescribedCall slow, int inFlightBefore) throws InterruptedException {
        Duration allowed = slow.expectedDuration().dividedBy(2);
        if (allowed.compareTo(MAX_STOP_DELAY) > 0) {
            allowed = MAX_STOP_DELAY;
        }
        long ended = System.nanoTime();
        int inFlight;
        do {
            inFlight = inFlight(probe).orElse(Integer.MAX_VALUE);
            if (inFlight <= inFlightBefore) {
                long stoppedAfter = Duration.ofNanos(System.nanoTime() - ended).toMillis();
                return CheckResult.pass(DEADLINE_STOPS_WORK, what + " ended " + reply.code()
                        + "; the endpoint stopped the work within " + stoppedAfter + " ms (in_flight back to " + inFlight + ")");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        } while (System.nanoTime() - ended < allowed.toNanos());
        return CheckResult.fail(DEADLINE_STOPS_WORK, what + " ended " + reply.code() + " for the caller, but the endpoint"
                + " was still working " + allowed.toMillis() + " ms later (in_flight "
                + (inFlight == Integer.MAX_VALUE ? "unknown: Health failed" : inFlight)
                + "); it must stop when the call's deadline passes");
    }

    private static Optional<Integer> inFlight(EndpointProbe probe) {
        Reply<EndpointHealth> health = probe.health();
        return health.ok() ? Optional.of(health.message().getInFlight()) : Optional.empty();
    }

    private static Reply<InvokeResponse> outcome(ListenableFuture<InvokeResponse> call) throws InterruptedException {
        try {
            return new Reply<>(Status.OK, call.get());
        } catch (ExecutionException e) {
            return Reply.failed(e.getCause());
        }
    }
}
