package procos.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;

/**
 * System (c): N instances of Camunda's own external task client, as users run it — one client per
 * worker, each fetching up to 10 tasks per long-polling request and completing them one by one over
 * the REST API, signed in with HTTP Basic. The exponential backoff after an empty fetch is off: with long polling the server
 * holds the request instead, and a backoff of up to a minute would only add idle time.
 */
final class CamundaWorkers implements AutoCloseable {

    static final int MAX_TASKS = 10;
    static final long LOCK_DURATION_MS = 20_000;

    private final List<ExternalTaskClient> clients = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

    CamundaWorkers(EngineRest rest, String topic, int workers, long asyncResponseTimeoutMs) {
        for (int i = 1; i <= workers; i++) {
            ExternalTaskClient client = ExternalTaskClient.create()
                    .baseUrl(rest.base())
                    .addInterceptor(new BasicAuthProvider(rest.credentials().user(), rest.credentials().password()))
                    .workerId("bench-camunda-client-" + i)
                    .maxTasks(MAX_TASKS)
                    .asyncResponseTimeout(asyncResponseTimeoutMs)
                    .lockDuration(LOCK_DURATION_MS)
                    .disableBackoffStrategy()
                    .build();
            clients.add(client);
            client.subscribe(topic)
                    .lockDuration(LOCK_DURATION_MS)
                    .handler((task, service) -> {
                        try {
                            service.complete(task);
                        } catch (RuntimeException e) {
                            // Another client holds or already completed the task (see refusedCompletions).
                            refused.incrementAndGet();
                        }
                    })
                    .open();
        }
    }

    /**
     * Completions the engine refused: on H2, concurrent long-polling fetches can lock the same task
     * for two clients; the second completion then fails (locked by another worker, or no longer
     * exists). The instance still finishes once; the work was done twice.
     */
    int refusedCompletions() {
        return refused.get();
    }

    /** Stops all clients at once: each may be inside a long poll, which ends within the async response timeout. */
    @Override
    public void close() {
        ExecutorService stopper = Executors.newCachedThreadPool(EngineRest.daemon("bench-client-stop"));
        for (ExternalTaskClient client : clients) {
            stopper.execute(client::stop);
        }
        stopper.shutdown();
        try {
            if (!stopper.awaitTermination(30, TimeUnit.SECONDS)) {
                System.err.println("  some Camunda clients did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.clear();
    }
}
