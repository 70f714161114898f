package procos.pde.endpoint.script;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import procos.pde.endpoint.EndpointException;

/**
 * Runs one command to its end or to its limit: the environment replaced as a whole, standard input
 * written and closed, standard output read up to a cap, the end of standard error kept, and the
 * process with everything it started killed when time runs out, when the output passes the cap,
 * when the caller gives up, and in any case when the run is over.
 */
final class ScriptProcess {

    /** How the run ended; what it means for the task is the endpoint's business. */
    enum Ending { EXITED, TIMED_OUT, OUTPUT_TOO_LARGE, OUTPUT_LEFT_OPEN }

    record Result(Ending ending, int exitCode, byte[] stdout, String stderr) {
    }

    /** How often the process tree is looked at while the script runs, to find children before they are orphaned. */
    private static final long TRACK_INTERVAL_MILLIS = 50;
    /** How long the output may take to reach its end after the process tree has been killed. */
    private static final long DRAIN_MILLIS = 2000;
    private static final int STDERR_KEPT_BYTES = 16 * 1024;

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService STREAMS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "procos-script-io-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private ScriptProcess() {
    }

    /**
     * @throws EndpointException {@code SANDBOX_ERROR} if the command cannot be started,
     *                           {@code CANCELLED} if the calling thread is interrupted
     */
    static Result run(List<String> command, Path directory, Map<String, String> environment, byte[] stdin,
                      Duration limit, long maxOutputBytes) throws EndpointException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw ScriptErrors.of(ScriptErrors.SANDBOX_ERROR, "cannot start " + command.get(0) + ": " + e.getClass().getSimpleName());
        }
        ProcessTree tree = new ProcessTree(process);
        CappedOutput stdout = new CappedOutput(process.getInputStream(), maxOutputBytes, tree::killAll);
        OutputTail stderr = new OutputTail(process.getErrorStream(), STDERR_KEPT_BYTES);
        Future<?> reading = STREAMS.submit(stdout);
        Future<?> readingErrors = STREAMS.submit(stderr);
        STREAMS.submit(() -> feed(process.getOutputStream(), stdin));
        try {
            boolean exited = waitFor(process, tree, limit);
            // Also after a normal exit: what the script left running in the background must not outlive the call.
            tree.killAll();
            boolean drained = drained(reading) && drained(readingErrors);
            Ending ending = stdout.overflowed() ? Ending.OUTPUT_TOO_LARGE
                    : !exited ? Ending.TIMED_OUT
                    : !drained ? Ending.OUTPUT_LEFT_OPEN
                    : Ending.EXITED;
            return new Result(ending, exited ? process.exitValue() : -1, stdout.bytes(), stderr.text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ScriptErrors.of(ScriptErrors.CANCELLED, "the call was abandoned; the script was killed");
        } finally {
            tree.killAll();
        }
    }

    private static boolean waitFor(Process process, ProcessTree tree, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            tree.track();
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (process.waitFor(Math.min(left, TimeUnit.MILLISECONDS.toNanos(TRACK_INTERVAL_MILLIS)), TimeUnit.NANOSECONDS)) {
                return true;
            }
        }
    }

    /** Whether a stream reached its end; one still open is held by a process that escaped the tree. */
    private static boolean drained(Future<?> reading) throws InterruptedException {
        try {
            reading.get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // the readers catch their own I/O errors; anything else ended the stream too
        }
    }

    private static void feed(OutputStream in, byte[] bytes) {
        try (in) {
            in.write(bytes);
        } catch (IOException e) {
            // The script ended or closed its input without reading all of it: that is its choice.
        }
    }
}
