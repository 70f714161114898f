package procos.pde.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.pde.v1.PdeServiceGrpc;
import procos.pde.v1.TaskResult;

/** Bytes that are not a TaskRequest are refused before any task code runs, and the server keeps serving. */
class MalformedRequestTest {

    private final AtomicInteger executed = new AtomicInteger();
    private final InProcessPde pde = new InProcessPde(request -> {
        executed.incrementAndGet();
        return TaskResult.newBuilder().setTaskId(request.getSpec().getTaskId()).build();
    }, PdeServerOptions.dev());

    @AfterEach
    void close() throws InterruptedException {
        pde.close();
    }

    @Test
    void garbageBytesAreRefusedAndNeverReachTheExecutor() {
        MethodDescriptor<byte[], byte[]> rawExecute = PdeServiceGrpc.getExecuteMethod().toBuilder(new RawBytes(), new RawBytes()).build();
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0A, 0x7F};

        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(pde.channel(), rawExecute, CallOptions.DEFAULT, garbage))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription())
                            .contains("procos.pde.v1.PdeService/Execute", "procos.pde.v1.TaskRequest");
                });
        assertThat(executed).hasValue(0);

        TaskResult stillServing = pde.blockingStub().execute(Tasks.request("after-garbage"));
        assertThat(stillServing.getTaskId()).isEqualTo("after-garbage");
    }

    @Test
    void garbageOnTheStreamEndsItWithInvalidArgumentAndTheServerKeepsServing() {
        MethodDescriptor<byte[], byte[]> rawStream = PdeServiceGrpc.getExecuteStreamMethod().toBuilder(new RawBytes(), new RawBytes()).build();
        ClientCall<byte[], byte[]> call = pde.channel().newCall(rawStream, CallOptions.DEFAULT);
        CompletableFuture<Status> closed = new CompletableFuture<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        call.request(1);
        call.sendMessage(new byte[] {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});

        Status status = closed.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("ExecuteStream", "procos.pde.v1.TaskRequest");
        assertThat(executed).hasValue(0);
        assertThat(pde.blockingStub().execute(Tasks.request("after-stream-garbage")).getTaskId())
                .isEqualTo("after-stream-garbage");
    }

    /** Sends and receives bytes as they are, so the test can put anything on the wire. */
    private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
