package procos.pde.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import procos.pde.v1.PdeServiceGrpc;
import procos.pde.v1.TaskResult;

class AuthenticationTest {

    private static final String TOKEN = "s3cret-pde-token";

    private InProcessPde pde;
    private LogCapture log;

    @BeforeEach
    void startSecuredServer() {
        log = new LogCapture();
        pde = new InProcessPde(Tasks::succeeded, PdeServerOptions.secured(TOKEN));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pde.close();
        log.close();
    }

    @Test
    void callWithoutTokenIsUnauthenticated() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub().execute(Tasks.request("t-1")));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(e.getStatus().getDescription()).isEqualTo("missing bearer token");
    }

    @Test
    void callWithWrongTokenIsUnauthenticatedWithoutEchoingTheToken() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub().withCallCredentials(new BearerTokenCredentials("guess-1234")).execute(Tasks.request("t-1")));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(e.getStatus().getDescription()).isEqualTo("invalid bearer token").doesNotContain("guess-1234");
        assertThat(log.await("auth_rejected").toString()).doesNotContain("guess-1234").doesNotContain(TOKEN);
    }

    @Test
    void nonBearerAuthorizationIsUnauthenticated() {
        Metadata headers = new Metadata();
        headers.put(BearerTokenInterceptor.AUTHORIZATION, "Basic " + TOKEN);

        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                        .execute(Tasks.request("t-1")));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void callWithCorrectTokenIsServed() {
        TaskResult result = stub().withCallCredentials(new BearerTokenCredentials(TOKEN)).execute(Tasks.request("t-1"));

        assertThat(result.getTaskId()).isEqualTo("t-1");
    }

    @Test
    void healthServiceAnswersServingWithoutAToken() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(pde.channel())
                .withDeadlineAfter(5, TimeUnit.SECONDS);

        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
        assertThat(health.check(HealthCheckRequest.newBuilder().setService(PdeServiceGrpc.SERVICE_NAME).build())
                .getStatus()).isEqualTo(ServingStatus.SERVING);
    }

    private PdeServiceGrpc.PdeServiceBlockingStub stub() {
        return pde.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS);
    }
}
