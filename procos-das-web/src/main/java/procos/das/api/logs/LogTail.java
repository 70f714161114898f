package procos.das.api.logs;

import java.io.IOException;
import java.util.Map;

/**
 * One live tail of the log for one client: polls a {@link LogFollower}, sends each new matching entry
 * as a {@code log} event, and a heartbeat after {@code heartbeatPolls} quiet polls so proxies and
 * clients see the stream is alive. Ends as soon as a send fails (the client went away), the client
 * is closed, or the thread is interrupted (the server stops).
 */
public final class LogTail implements Runnable {

    /** Where a tail's events go; each method answers false once the client is gone. */
    public interface Client {

        boolean send(String event, String data);

        boolean heartbeat();

        boolean isClosed();
    }

    private final LogFollower follower;
    private final Client client;
    private final long pollMillis;
    private final int heartbeatPolls;

    public LogTail(LogFollower follower, Client client, long pollMillis, int heartbeatPolls) {
        this.follower = follower;
        this.client = client;
        this.pollMillis = pollMillis;
        this.heartbeatPolls = heartbeatPolls;
    }

    @Override
    public void run() {
        int quietPolls = 0;
        try {
            while (!client.isClosed() && !Thread.currentThread().isInterrupted()) {
                boolean sent = false;
                for (Map<String, Object> entry : follower.poll()) {
                    if (!client.send("log", LogLines.write(entry))) {
                        return;
                    }
                    sent = true;
                }
                quietPolls = sent ? 0 : quietPolls + 1;
                if (quietPolls >= heartbeatPolls) {
                    if (!client.heartbeat()) {
                        return;
                    }
                    quietPolls = 0;
                }
                Thread.sleep(pollMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The log file became unreadable: the tail ends; the client may reconnect.
        }
    }
}
