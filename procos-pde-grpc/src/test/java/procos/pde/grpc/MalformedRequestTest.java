package procos.pde.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
                    // grpc-java parses the request before any service or interceptor code runs and reports a
                    // parse failure as UNKNOWN; what matters here is that nothing ran and nothing broke.
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                });
        assertThat(executed).hasValue(0);

        TaskResult stillServing = pde.blockingStub().execute(Tasks.request("after-garbage"));
        assertThat(stillServing.getTaskId()).isEqualTo("after-garbage");
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
