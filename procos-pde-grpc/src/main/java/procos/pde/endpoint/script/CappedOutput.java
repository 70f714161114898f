package procos.pde.endpoint.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a script's standard output up to a cap. The moment the cap is passed it stops reading and
 * calls {@code onOverflow} (which kills the script): a script printing without end costs the
 * endpoint the cap plus one buffer, and no more time than it takes to notice.
 */
final class CappedOutput implements Runnable {

    private static final int BUFFER = 8192;

    private final InputStream in;
    private final long cap;
    private final Runnable onOverflow;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private volatile boolean overflowed;

    CappedOutput(InputStream in, long cap, Runnable onOverflow) {
        this.in = in;
        this.cap = cap;
        this.onOverflow = onOverflow;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[BUFFER];
        try (in) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (collected.size() + (long) read > cap) {
                    overflowed = true;
                    onOverflow.run();
                    return;
                }
                synchronized (collected) {
                    collected.write(buffer, 0, read);
                }
            }
        } catch (IOException e) {
            // The stream was closed under us because the script was killed: what was read is all there is.
        }
    }

    boolean overflowed() {
        return overflowed;
    }

    byte[] bytes() {
        synchronized (collected) {
            return collected.toByteArray();
        }
    }
}
