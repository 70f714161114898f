package procos.pde.grpc;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeServiceGrpc;

/**
 * A started {@link PdeGrpcServer} on the in-process transport, plus channels to it, all released
 * by {@link #close()} (the JUnit 5 stand-in for grpc-testing's JUnit 4 {@code GrpcCleanupRule}).
 *
 * <p>The server keeps gRPC's default executor rather than {@code directExecutor()}: several tests
 * block inside the executor, which on a direct executor would block the client thread too and
 * keep its deadline from ever firing.
 */
public final class InProcessPde implements AutoCloseable {

    final String name = InProcessServerBuilder.generateName();
    public final PdeGrpcServer server;
    private final List<ManagedChannel> channels = new ArrayList<>();

    public InProcessPde(TaskExecutor executor, Supplier<PdeDescription> description, PdeServerOptions options) {
        server = new PdeGrpcServer(InProcessServerBuilder.forName(name), executor, description, options);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InProcessPde(TaskExecutor executor, PdeServerOptions options) {
        this(executor, () -> PdeDescription.newBuilder().setPdeId("pde-test").build(), options);
    }

    /** A new channel to this server, closed with it. */
    public ManagedChannel channel() {
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        channels.add(channel);
        return channel;
    }

    PdeServiceGrpc.PdeServiceBlockingStub blockingStub() {
        return PdeServiceGrpc.newBlockingStub(channel());
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        server.stop(Duration.ZERO);
    }
}
