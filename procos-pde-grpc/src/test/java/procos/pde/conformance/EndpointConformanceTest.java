package procos.pde.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import procos.pde.conformance.JavaTextEndpoint.Breach;
import procos.pde.grpc.CorrelationIdInterceptor;
import procos.pde.grpc.GrpcChannelOptions;
import procos.pde.grpc.TestCertificates;
import procos.pde.node.NodeCommand;
import procos.pde.v1.EndpointServiceGrpc;

/** The conformance check against a Java endpoint over the wire: green when it conforms, and each breach named. */
class EndpointConformanceTest {

    private static final String TOKEN = "conformance-test-token";

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private Server server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        executor.shutdownNow(); // interrupts a sleep that ignored its deadline
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void conformingEndpointPassesEveryCheck() throws Exception {
        ConformanceReport report = EndpointConformance.check(serve(EnumSet.noneOf(Breach.class)));

        assertThat(report.conforms()).as(report.render()).isTrue();
        assertThat(report.results()).as(report.render()).allMatch(result -> result.verdict() == Verdict.PASS);
        assertThat(report.result("missing_input_refused").orElseThrow().reason())
                .as("an in-band INVALID_INPUT naming the input is accepted too").contains("error INVALID_INPUT");
    }

    @ParameterizedTest
    @CsvSource({
        "NO_CHECKED_AT, health",
        "WRONG_OUTPUTS, examples_succeed",
        "REFUSES_CORRELATION_HEADER, correlation_header_accepted",
        "ANSWERS_UNKNOWN_TASK_TYPES, unknown_task_type_refused",
        "ANSWERS_UNKNOWN_OPERATIONS, unknown_operation_refused",
        "UNNAMED_MISSING_INPUT, missing_input_refused",
        "IGNORES_TOKEN, token_required",
        "IGNORES_DEADLINE, deadline_stops_work",
    })
    void eachBreachIsReportedByTheCheckItBreaks(Breach breach, String check) throws Exception {
        ConformanceReport report = EndpointConformance.check(serve(EnumSet.of(breach)));

        assertThat(report.conforms()).isFalse();
        assertThat(report.failures()).as(report.render()).extracting(CheckResult::check).contains(check);
        assertThat(report.render()).containsPattern("FAIL +" + check + " ").contains("DOES NOT CONFORM");
    }

    @Test
    void endpointThatPublishesNoExamplesHasThoseChecksSkippedWithTheReason() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new EndpointServiceGrpc.EndpointServiceImplBase() {
                }).build().start();

        ConformanceReport report = EndpointConformance.check(GrpcChannelOptions.plaintext("127.0.0.1:" + server.getPort()));

        assertThat(report.result("health").orElseThrow().reason()).contains("UNIMPLEMENTED");
        assertThat(report.result("examples_succeed").orElseThrow().verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(report.result("token_required").orElseThrow().reason()).contains("--token");
    }

    @Test
    void nodeJarCommandChecksTheTargetAndExitsByTheVerdict() throws Exception {
        GrpcChannelOptions target = serve(EnumSet.of(Breach.ANSWERS_UNKNOWN_TASK_TYPES));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = NodeCommand.run(List.of("conformance", "--target", target.target(), "--token=" + TOKEN),
                name -> null, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(status).isEqualTo(ConformanceCommand.EXIT_DOES_NOT_CONFORM);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("Endpoint conformance of " + target.target())
                .containsPattern("FAIL +unknown_task_type_refused ");
    }

    @Test
    void commandWithoutTargetIsAUsageErrorNamingTheArgument() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = ConformanceCommand.run(List.of("--token", "t"), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(ConformanceCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--target HOST:PORT is required");
    }

    @Test
    void nodeJarCommandChecksAnEndpointServingTls(@TempDir Path certs) throws Exception {
        String target = "127.0.0.1:" + listen(EnumSet.noneOf(Breach.class), TlsServerCredentials.create(
                TestCertificates.file(certs, "server1.pem").toFile(), TestCertificates.file(certs, "server1.key").toFile()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = NodeCommand.run(List.of("conformance", "--target", target, "--token", TOKEN,
                        "--trust-cert-chain", TestCertificates.file(certs, "ca.pem").toString(),
                        "--authority", TestCertificates.SERVER1_AUTHORITY),
                name -> null, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ConformanceCommand.EXIT_CONFORMS);
    }

    @Test
    void tlsOptionsThatCannotWorkAreUsageErrors(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        Path absent = dir.resolve("absent.pem");

        int missingFile = ConformanceCommand.run(List.of("--target", "localhost:1", "--trust-cert-chain", absent.toString()),
                System.out, errors);
        int keyWithoutCertificate = ConformanceCommand.run(List.of("--target", "localhost:1", "--tls",
                "--private-key", TestCertificates.file(dir, "client.key").toString()), System.out, errors);

        assertThat(missingFile).isEqualTo(ConformanceCommand.EXIT_USAGE);
        assertThat(keyWithoutCertificate).isEqualTo(ConformanceCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--trust-cert-chain " + absent + " is not a readable file")
                .contains("a client certificate needs both its chain and its private key file");
    }

    private GrpcChannelOptions serve(Set<Breach> breaches) throws Exception {
        return GrpcChannelOptions.plaintext("127.0.0.1:" + listen(breaches, InsecureServerCredentials.create()))
                .withBearerToken(TOKEN);
    }

    /** Starts the Java endpoint committing {@code breaches}; returns its port. */
    private int listen(Set<Breach> breaches, ServerCredentials credentials) throws Exception {
        JavaTextEndpoint endpoint = new JavaTextEndpoint(breaches);
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials)
                .executor(executor)
                .addService(ServerInterceptors.intercept(endpoint, new CorrelationIdInterceptor(), endpoint.authentication(TOKEN)))
                .build().start();
        return server.getPort();
    }
}
