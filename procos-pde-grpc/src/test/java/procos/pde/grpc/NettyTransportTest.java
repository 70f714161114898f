package procos.pde.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.TaskResult;

/** The production path: Netty on a real, ephemeral port, with the options a deployment would use. */
class NettyTransportTest {

    private static final String TOKEN = "netty-test-token";
    /** Netty warns about every oversized message; expected here, so kept off the console. */
    private static final Logger DEFRAME_WARNINGS =
            Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerStream");

    static {
        DEFRAME_WARNINGS.setLevel(Level.SEVERE);
    }

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final LogCapture log = new LogCapture();
    private final AtomicInteger executed = new AtomicInteger();
    private PdeGrpcServer server;
    private PdeGrpcClient client;

    @TempDir
    File certs;

    private int start(PdeServerOptions options) throws IOException {
        server = PdeGrpcServer.onPort(0, request -> {
            executed.incrementAndGet();
            return Tasks.succeeded(request);
        }, PdeDescription::getDefaultInstance, options).start();
        return server.port();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
        log.close();
    }

    @Test
    void executesOverNettyOnAnEphemeralPort() throws Exception {
        int port = start(PdeServerOptions.secured(TOKEN));
        client = PdeGrpcClient.connect(GrpcChannelOptions.plaintext("localhost:" + port).withBearerToken(TOKEN));

        TaskResult result = client.execute(Tasks.request("t-netty"), DEADLINE);

        assertThat(port).isPositive();
        assertThat(result.getTaskId()).isEqualTo("t-netty");
    }

    @Test
    void oversizedRequestIsResourceExhaustedWithoutReachingTheExecutor() throws Exception {
        int port = start(PdeServerOptions.dev().withMaxInboundMessageBytes(1024));
        client = PdeGrpcClient.connect(GrpcChannelOptions.plaintext("localhost:" + port));

        PdeCallException e = catchThrowableOfType(PdeCallException.class,
                () -> client.execute(Tasks.withInput(Tasks.request("t-big"), "blob", "x".repeat(4096)), DEADLINE));

        assertThat(e.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(executed).hasValue(0);
    }

    @Test
    void executesOverTlsWhenTheClientTrustsTheServerCertificate() throws Exception {
        int port = start(PdeServerOptions.secured(TOKEN).withTls(copy("server1.pem"), copy("server1.key")));
        client = PdeGrpcClient.connect(GrpcChannelOptions.tls("localhost:" + port, copy("ca.pem"))
                .withAuthorityOverride(TestCertificates.SERVER1_AUTHORITY)
                .withBearerToken(TOKEN));

        TaskResult result = client.execute(Tasks.request("t-tls"), DEADLINE);

        assertThat(result.getTaskId()).isEqualTo("t-tls");
    }

    @Test
    void plaintextClientCannotTalkToATlsServer() throws Exception {
        int port = start(PdeServerOptions.dev().withTls(copy("server1.pem"), copy("server1.key")));
        client = PdeGrpcClient.connect(GrpcChannelOptions.plaintext("localhost:" + port));

        PdeCallException e = catchThrowableOfType(PdeCallException.class,
                () -> client.execute(Tasks.request("t-1"), DEADLINE));

        assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(executed).hasValue(0);
    }

    private File copy(String name) {
        return TestCertificates.file(certs.toPath(), name).toFile();
    }
}
