package procos.das.api.pde;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import procos.das.api.ApiProblem;
import procos.das.api.process.QueryText;
import procos.kernel.Kernel;
import procos.kernel.pde.PdeRuntime;
import procos.pde.endpoint.Endpoint;

/** The PDEs of this server: pools, endpoints with health, circuits and scores, score history, self-tests. */
@Path("/pdes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "PDEs", description = "Process execution pools and endpoints")
public class PdeResource {

    /** Long enough for a remote endpoint's check, short enough for a person waiting on a button. */
    static final Duration SELF_TEST_DEADLINE = Duration.ofSeconds(10);

    @Inject
    Kernel kernel;

    @Inject
    RoutingSampler sampler;

    @Inject
    SelfTestThreads selfTestThreads;

    /** {@code GET /procos/api/pdes}: pools, endpoints, tasks in flight and locked. */
    @GET
    @Operation(summary = "Pools, endpoints with health, circuit and routing scores")
    @APIResponse(responseCode = "200", description = "The PDEs now")
    @APIResponse(responseCode = "503", description = "The PDEs have not started")
    public PdesView overview() {
        return PdeOverview.of(runtime());
    }

    /** {@code GET /procos/api/pdes/routing/history?task_type=}: scores sampled every 10 s, last hour, oldest first. */
    @GET
    @Path("routing/history")
    @Operation(summary = "Routing scores over time", description = "Per endpoint for the task type; without one, each endpoint's mean over its task types")
    @APIResponse(responseCode = "200", description = "Samples, oldest first")
    public RoutingHistoryView history(@Parameter(description = "A task type") @QueryParam("task_type") String taskType) {
        return new RoutingHistoryView(sampler.history().samples(QueryText.optional("task_type", taskType)));
    }

    /** {@code POST /procos/api/pdes/endpoints/{id}/self-test}: runs the endpoint's health check now, within 10 s. */
    @POST
    @Path("endpoints/{id}/self-test")
    @Operation(summary = "Run an endpoint's health check now")
    @APIResponse(responseCode = "200", description = "Its health, in words, and how long the check took")
    @APIResponse(responseCode = "404", description = "No such endpoint")
    @APIResponse(responseCode = "503", description = "Too many self-tests running")
    public SelfTestResult selfTest(@PathParam("id") String id) {
        String checked = QueryText.id("id", id);
        PdeRuntime runtime = runtime();
        Endpoint endpoint = runtime.endpoints().get(checked)
                .orElseThrow(() -> ApiProblem.notFound("endpoint '" + checked + "' does not exist"));
        try {
            return new EndpointSelfTest(selfTestThreads.executor(), SELF_TEST_DEADLINE).run(endpoint, runtime.health());
        } catch (RejectedExecutionException e) {
            throw new ServiceUnavailableException("too many self-tests are running; try again shortly");
        }
    }

    private PdeRuntime runtime() {
        return kernel.pdes().orElseThrow(() -> new ServiceUnavailableException("the PDEs have not started"));
    }
}
