package procos.das.api.ask;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import procos.das.api.ApiProblem;

/**
 * Runs work on an executor and waits for it at most a given time: past the deadline the work is
 * cancelled (interrupted) and the caller gets 504, rather than a request thread held for as long as
 * the work takes.
 */
public final class Deadline {

    private Deadline() {
    }

    /**
     * @throws ApiProblem 504 when the deadline passes; what the work threw, when it failed (a
     *                    runtime exception as it was, anything else wrapped)
     */
    public static <T> T call(ExecutorService executor, Duration timeout, Callable<T> work) {
        Future<T> future = executor.submit(work);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ApiProblem.gatewayTimeout("no answer within " + timeout.toMillis() + " ms; ask again with a larger timeout_ms "
                    + "or use POST /ask/async");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the answer", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
