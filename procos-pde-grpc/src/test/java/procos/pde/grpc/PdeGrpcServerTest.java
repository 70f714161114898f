package procos.pde.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeServiceGrpc;

class PdeGrpcServerTest {

    private final LogCapture log = new LogCapture();
    private InProcessPde pde;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (pde != null) {
            pde.close();
        }
        log.close();
    }

    @Test
    void healthTurnsNotServingWhenTheServerStops() throws Exception {
        pde = new InProcessPde(Tasks::succeeded, PdeServerOptions.dev());
        HealthWatcher watcher = new HealthWatcher();
        HealthGrpc.newStub(pde.channel()).watch(
                HealthCheckRequest.newBuilder().setService(PdeServiceGrpc.SERVICE_NAME).build(), watcher);
        assertThat(watcher.next()).isEqualTo(ServingStatus.SERVING);

        pde.server.stop(Duration.ofSeconds(5));

        assertThat(watcher.next()).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(pde.server.isTerminated()).isTrue();
        assertThat(log.await("grpc_server_stopped").get("clean").asBoolean()).isTrue();
    }

    @Test
    void blockUntilShutdownReturnsOnceTheServerIsStopped() throws Exception {
        pde = new InProcessPde(Tasks::succeeded, PdeServerOptions.dev());
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                pde.server.blockUntilShutdown();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(blocked).isNotDone();

        pde.server.stop(Duration.ofSeconds(1));

        blocked.get(5, TimeUnit.SECONDS);
    }

    @Test
    void reflectionListsThePdeServiceWithoutAToken() throws Exception {
        pde = new InProcessPde(Tasks::succeeded, PdeServerOptions.secured("token"));
        List<String> services = reflect(ServerReflectionRequest.newBuilder().setListServices("").build()).getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName)
                .toList();
        assertThat(services).contains("procos.pde.v1.PdeService", "grpc.health.v1.Health");
    }

    @Test
    void reflectionDescribesThePdeServiceSoClientsCanBuildCallsFromIt() throws Exception {
        pde = new InProcessPde(Tasks::succeeded, PdeServerOptions.dev());
        ServerReflectionResponse response = reflect(
                ServerReflectionRequest.newBuilder().setFileContainingSymbol("procos.pde.v1.PdeService").build());
        assertThat(response.hasErrorResponse()).as("error: %s", response.getErrorResponse()).isFalse();
        List<String> files = response.getFileDescriptorResponse().getFileDescriptorProtoList().stream()
                .map(bytes -> {
                    try {
                        return com.google.protobuf.DescriptorProtos.FileDescriptorProto.parseFrom(bytes).getName();
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
        assertThat(files).contains("procos/pde/v1/pde_service.proto");
    }

    @Test
    void optionsWithoutTokenOutsideDevModeAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> PdeServerOptions.secured(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bearer token")
                .hasMessageContaining("devMode");
        assertThatThrownBy(() -> PdeServerOptions.secured("  "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void devModeRunsWithoutToken() {
        assertThat(PdeServerOptions.dev().token()).isEmpty();
        assertThat(PdeServerOptions.dev().maxInboundMessageBytes()).isEqualTo(4 * 1024 * 1024);
    }

    @Test
    void optionsNeverPrintTheToken() {
        assertThat(PdeServerOptions.secured("top-secret-value").toString()).doesNotContain("top-secret-value");
        assertThat(GrpcChannelOptions.plaintext("localhost:1").withBearerToken("top-secret-value").toString())
                .doesNotContain("top-secret-value");
    }

    @Test
    void tlsNeedsBothCertificateAndKey(@TempDir File dir) {
        assertThatThrownBy(() -> PdeServerOptions.dev().withTls(new File(dir, "cert.pem"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both");
    }

    @Test
    void missingTlsFileIsReportedWhenTheServerIsBuilt(@TempDir File dir) {
        PdeServerOptions options = PdeServerOptions.dev()
                .withTls(new File(dir, "missing-cert.pem"), new File(dir, "missing-key.pem"));

        assertThatThrownBy(() -> PdeGrpcServer.onPort(0, Tasks::succeeded, PdeDescription::getDefaultInstance, options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing-cert.pem");
    }

    @Test
    void clientCertificatesCanOnlyBeRequiredOverTls(@TempDir File dir) {
        assertThatThrownBy(() -> PdeServerOptions.dev().withClientCertificatesFrom(new File(dir, "ca.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only be required over TLS");
    }

    @Test
    void aServerBuiltOnAGivenTransportRefusesTlsOptionsInsteadOfServingPlaintext(@TempDir File dir) {
        PdeServerOptions options = PdeServerOptions.dev()
                .withTls(TestCertificates.file(dir.toPath(), "server1.pem").toFile(),
                        TestCertificates.file(dir.toPath(), "server1.key").toFile());

        assertThatThrownBy(() -> new PdeGrpcServer(InProcessServerBuilder.forName("tls-in-process"), Tasks::succeeded,
                PdeDescription::getDefaultInstance, options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("onPort");
    }

    /** Follows a health watch and ends it once NOT_SERVING arrives, so the server can stop at once. */
    private static final class HealthWatcher
            implements ClientResponseObserver<HealthCheckRequest, HealthCheckResponse> {
        private final BlockingQueue<ServingStatus> statuses = new LinkedBlockingQueue<>();
        private volatile ClientCallStreamObserver<HealthCheckRequest> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(HealthCheckResponse value) {
            statuses.add(value.getStatus());
            if (value.getStatus() == ServingStatus.NOT_SERVING) {
                call.cancel("seen enough", null);
            }
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }

        ServingStatus next() throws InterruptedException {
            return statuses.poll(5, TimeUnit.SECONDS);
        }
    }

    /** Sends one reflection request to the PDE server and returns its answer. */
    private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(pde.channel())
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });

        requests.onNext(request);
        requests.onCompleted();
        return answer.get(5, TimeUnit.SECONDS);
    }
}
