package procos.kernel.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import procos.logging.StructuredLogger;

/**
 * The housekeeping H2's background writer does, for an embedded H2 database whose write delay is 0.
 *
 * <p>With {@code WRITE_DELAY=0} every commit stores its changed pages as a new chunk of the file
 * before it returns (see {@code SettingsValidator.withDurableCommits}), and H2 starts no background
 * writer — which is also what rewrites the live pages of sparsely filled chunks, so that old chunks
 * die and their space is reused. Without it, chunks that keep a few live pages are never freed:
 * the database file grew by about 65 KB per process instance of a two-task process. This task runs that step every {@link #INTERVAL_SECONDS} s: when
 * the chunks are less than {@link #TARGET_FILL_RATE} % live, it rewrites the live pages of the
 * emptiest ones (about {@link #WRITE_LIMIT_BYTES} per run) and stores them.
 *
 * <p>It reaches the store through H2's own classes (the engine's connection unwrapped to H2's
 * session); it does nothing for in-memory databases, databases opened by an H2 server, or a write
 * delay above 0, where H2 does its own housekeeping.
 */
public final class H2Housekeeping implements AutoCloseable {

    static final int INTERVAL_SECONDS = 5;
    static final int TARGET_FILL_RATE = 80;
    static final int WRITE_LIMIT_BYTES = 4 * 1024 * 1024;
    private static final StructuredLogger LOG = StructuredLogger.forComponent("engine");

    private final DataSource dataSource;
    private final ScheduledExecutorService scheduler;

    private H2Housekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "procos-h2-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Started when {@code dataSource} is an embedded H2 database file with a write delay of 0; else empty. */
    public static Optional<H2Housekeeping> startIfNeeded(DataSource dataSource) {
        try {
            if (store(dataSource).isEmpty()) {
                return Optional.empty();
            }
        } catch (SQLException | RuntimeException notH2) {
            return Optional.empty();
        }
        H2Housekeeping housekeeping = new H2Housekeeping(dataSource);
        housekeeping.scheduler.scheduleWithFixedDelay(housekeeping::runQuietly, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
        LOG.info("h2_housekeeping_started").with("interval_s", INTERVAL_SECONDS).with("target_fill_rate", TARGET_FILL_RATE).log();
        return Optional.of(housekeeping);
    }

    /**
     * One round: rewrites the live pages of the emptiest chunks if the chunks are less than
     * {@link #TARGET_FILL_RATE} % live, and stores them.
     *
     * @return whether anything was rewritten
     */
    boolean run() throws SQLException {
        Optional<MVStore> store = store(dataSource);
        if (store.isEmpty() || store.get().isClosed()) {
            return false;
        }
        boolean rewritten = store.get().compact(TARGET_FILL_RATE, WRITE_LIMIT_BYTES);
        if (rewritten) {
            store.get().commit();
        }
        return rewritten;
    }

    private void runQuietly() {
        try {
            run();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("h2_housekeeping_failed").error(e).log();
        }
    }

    /** The MVStore of an embedded, persistent H2 database with a write delay of 0. */
    private static Optional<MVStore> store(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)
                    || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                return Optional.empty();
            }
            Database database = session.getDatabase();
            if (!database.isPersistent() || database.getStore() == null || database.getWriteDelay() != 0) {
                return Optional.empty();
            }
            return Optional.of(database.getStore().getMvStore());
        }
    }

    /** Stops the task; a round in progress finishes first. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
