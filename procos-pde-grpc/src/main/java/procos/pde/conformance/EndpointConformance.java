package procos.pde.conformance;

import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import procos.pde.grpc.Channels;
import procos.pde.grpc.GrpcChannelOptions;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;

/**
 * Checks that an endpoint, written in any language, honours the {@code EndpointService} contract,
 * and reports each check by name (see {@link ConformanceReport#render()} for the text form):
 *
 * <ol>
 *   <li>{@code health}: Health answers HEALTHY or DEGRADED, with {@code checked_at};
 *   <li>{@code describe}: Describe gives an id and at least one capability, with consistent call examples;
 *   <li>{@code examples_succeed}: every quick call example answers OK with its expected outputs;
 *   <li>{@code correlation_header_accepted}: a call with an {@code x-correlation-id} header is served;
 *   <li>{@code unknown_task_type_refused} and {@code unknown_operation_refused}: UNIMPLEMENTED;
 *   <li>{@code missing_input_refused}: INVALID_ARGUMENT (or in-band INVALID_INPUT) naming the input;
 *   <li>{@code token_required}: with a token given, a call without it is UNAUTHENTICATED;
 *   <li>{@code deadline_stops_work}: a slow example cut off by a short deadline ends DEADLINE_EXCEEDED
 *       or CANCELLED, and the endpoint stops the work (its {@code in_flight} drops back);
 *   <li>{@code healthy_afterwards}: still HEALTHY or DEGRADED, nothing left running.
 * </ol>
 *
 * What to call comes only from what the endpoint publishes ({@code Capability.examples}); checks
 * whose material is not published are SKIPPED with the reason. The checks assume nobody else calls
 * the endpoint meanwhile, since they read its in-flight count.
 */
public final class EndpointConformance {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private EndpointConformance() {
    }

    /** {@code java -cp … procos.pde.conformance.EndpointConformance --target host:port [--token T]}. */
    public static void main(String[] args) {
        System.exit(ConformanceCommand.run(List.of(args), System.out, System.err));
    }

    /** Connects as {@code target} says (address, TLS, bearer token), runs every check and disconnects. */
    public static ConformanceReport check(GrpcChannelOptions target) {
        ManagedChannel channel = target.openChannel();
        try {
            return check(target.target(), channel, target.callCredentials().orElse(null));
        } finally {
            Channels.closeGracefully(channel, CLOSE_GRACE);
        }
    }

    /**
     * Runs every check over {@code channel}, which stays the caller's.
     *
     * @param target      the address, as the report names it
     * @param credentials the bearer token to send, or {@code null} when the endpoint needs none
     */
    public static ConformanceReport check(String target, Channel channel, CallCredentials credentials) {
        Objects.requireNonNull(channel, "channel");
        EndpointProbe probe = new EndpointProbe(channel, credentials);
        List<CheckResult> results = new ArrayList<>();

        Reply<EndpointHealth> health = probe.health();
        results.add(DescriptionChecks.health(health));
        int inFlightBefore = health.ok() ? health.message().getInFlight() : 0;

        Reply<EndpointDescription> description = probe.describe();
        results.add(DescriptionChecks.describe(description));
        EndpointDescription described = description.ok() ? description.message() : EndpointDescription.getDefaultInstance();
        List<DescribedCall> calls = DescribedCall.allOf(described);

        results.add(InvocationChecks.examplesSucceed(probe, calls));
        results.add(InvocationChecks.correlationHeaderAccepted(probe, calls));
        results.add(RefusalChecks.unknownTaskType(probe, calls));
        results.add(RefusalChecks.unknownOperation(probe, described, calls));
        results.add(RefusalChecks.missingInput(probe, calls));
        results.add(RefusalChecks.tokenRequired(probe, calls));
        results.add(DeadlineCheck.run(probe, calls, inFlightBefore));
        results.add(DescriptionChecks.healthyAfterwards(probe.health(), inFlightBefore));
        return new ConformanceReport(target, results);
    }
}
