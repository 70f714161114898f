package procos.pde.grpc;

import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Channel housekeeping shared by every client of a PDE or an endpoint. */
public final class Channels {

    private Channels() {
    }

    /** Lets calls in progress finish within {@code grace}, then cancels them and releases the channel. */
    public static void closeGracefully(ManagedChannel channel, Duration grace) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
