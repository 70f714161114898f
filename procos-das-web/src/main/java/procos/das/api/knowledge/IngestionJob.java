package procos.das.api.knowledge;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import procos.das.knowledge.progress.ProgressSnapshot;

/**
 * One ingestion the API started, with its live progress: the {@link ProgressSnapshot}s of its run
 * (and so the tracker's ETA), the source it is on, and watchers told of every change (the job's SSE
 * streams). State changes and watching are synchronized, so a watcher sees every change after the
 * state it was first given, and the last thing it sees is the end.
 */
public final class IngestionJob {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** What started a job. */
    public enum Kind {
        UPLOAD, REFERENCE, REINDEX;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String id = UUID.randomUUID().toString();
    private final Kind kind;
    private final Instant started = Instant.now();
    private final List<Consumer<JobView>> watchers = new CopyOnWriteArrayList<>();
    private final Set<String> pending = new HashSet<>();
    private String state = RUNNING;
    private ProgressSnapshot progress;
    private String current;
    private Instant finished;
    private String error;

    IngestionJob(Kind kind) {
        this.kind = kind;
    }

    public String id() {
        return id;
    }

    public synchronized JobView view() {
        int done = progress == null ? 0 : progress.sourcesDone();
        int total = progress == null ? 0 : progress.sourcesTotal();
        Long eta = progress == null ? null : progress.eta().map(left -> left.toMillis()).orElse(null);
        return new JobView(id, kind.label(), state, done, total, percent(), state.equals(RUNNING) ? eta : Long.valueOf(0),
                state.equals(RUNNING) ? current : null, started, finished, error);
    }

    /** Share of the work done: 100 once the run finished, by bytes when the run knows them, else by sources. */
    private double percent() {
        if (progress == null) {
            return 0;
        }
        if (progress.finished()) {
            return 100.0;
        }
        double share = progress.bytesTotal() > 0 ? (double) progress.bytesDone() / progress.bytesTotal()
                : progress.sourcesTotal() > 0 ? (double) progress.sourcesDone() / progress.sourcesTotal() : 0;
        return Math.round(Math.min(1, share) * 1000) / 10.0;
    }

    /** Where the run stands; a progress listener of the run. */
    public synchronized void progress(ProgressSnapshot snapshot) {
        progress = snapshot;
        changed();
    }

    synchronized void working(String source) {
        current = source;
        changed();
    }

    synchronized void pending(List<String> sources) {
        pending.addAll(sources);
    }

    synchronized void settled(String source) {
        pending.remove(source);
    }

    synchronized boolean isPending(String source) {
        return state.equals(RUNNING) && pending.contains(source);
    }

    synchronized Set<String> pending() {
        return state.equals(RUNNING) ? Set.copyOf(pending) : Set.of();
    }

    synchronized void succeed(String note) {
        end(DONE, note);
    }

    synchronized void fail(String reason) {
        end(FAILED, reason);
    }

    synchronized boolean running() {
        return state.equals(RUNNING);
    }

    /**
     * Gives {@code watcher} the job as it is now, then every change until the job ends.
     *
     * @return what stops the watching
     */
    public synchronized Runnable watch(Consumer<JobView> watcher) {
        watcher.accept(view());
        if (state.equals(RUNNING)) {
            watchers.add(watcher);
        }
        return () -> watchers.remove(watcher);
    }

    private void end(String endState, String message) {
        state = endState;
        error = message;
        finished = Instant.now();
        pending.clear();
        changed();
        watchers.clear();
    }

    private void changed() {
        JobView view = view();
        for (Consumer<JobView> watcher : watchers) {
            try {
                watcher.accept(view);
            } catch (RuntimeException e) {
                // A watcher that went away must not fail the job it watches.
                watchers.remove(watcher);
            }
        }
    }
}
