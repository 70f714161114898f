package procos.pde.endpoint.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a script's standard error to its end, keeping only the last bytes: the stream must be
 * drained or a chatty script blocks on a full pipe, and the reason for a failure is at the end.
 */
final class OutputTail implements Runnable {

    private static final int BUFFER = 8192;

    private final InputStream in;
    private final byte[] ring;
    private long total;

    OutputTail(InputStream in, int keep) {
        this.in = in;
        this.ring = new byte[keep];
    }

    @Override
    public void run() {
        byte[] buffer = new byte[BUFFER];
        try (in) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                synchronized (ring) {
                    for (int i = 0; i < read; i++) {
                        ring[(int) (total++ % ring.length)] = buffer[i];
                    }
                }
            }
        } catch (IOException e) {
            // Closed because the script was killed: keep what arrived.
        }
    }

    /** The last bytes as text; a character cut at the start shows as a replacement character. */
    String text() {
        synchronized (ring) {
            int kept = (int) Math.min(total, ring.length);
            byte[] tail = new byte[kept];
            int start = (int) ((total - kept) % ring.length);
            for (int i = 0; i < kept; i++) {
                tail[i] = ring[(start + i) % ring.length];
            }
            return new String(tail, StandardCharsets.UTF_8);
        }
    }
}
