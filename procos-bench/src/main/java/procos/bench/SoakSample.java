package procos.bench;

/**
 * One sample of the soak: where in the run it was taken, the load so far, and the server's resources.
 * A value that could not be measured is -1.
 *
 * @param half          1 before the restart, 2 after
 * @param intoHalf      seconds since the half's load began (negative: before it)
 * @param underLoad     taken while the starters ran
 * @param acknowledged  starts the server acknowledged so far (whole run)
 * @param finished      instances of the soak process finished so far (history)
 * @param open          instances of the soak process still running
 * @param liveHeap      live heap after a full collection, bytes (the class histogram's total)
 * @param heapUsed      heap used read from {@code /metrics} ({@code memory_usedHeap_bytes}) right after that
 *                      collection: the live heap plus what the server allocated in between
 * @param jvmThreads    live Java threads ({@code thread_count})
 * @param osThreads     the server process's threads as the kernel counts them (JVM-internal ones included)
 * @param openFiles     the server process's open file descriptors
 * @param poolInUse     the engine's pooled database connections in use
 * @param poolIdle      the engine's pooled database connections open and idle
 * @param dbSessions    sessions on the soak's database as the database server counts them (PostgreSQL only)
 * @param dbSessionsOpened sessions ever opened on the soak's database (PostgreSQL 14+ only)
 * @param rss           resident memory of the server process, bytes
 */
record SoakSample(String label, int half, double elapsed, double intoHalf, boolean underLoad, long acknowledged,
                  long finished, long open, long liveHeap, long heapUsed, long jvmThreads, long osThreads, long openFiles,
                  long poolInUse, long poolIdle, long dbSessions, long dbSessionsOpened, long rss) {

    /** Database connections the engine holds open: in use and idle. */
    long poolOpen() {
        return poolInUse < 0 || poolIdle < 0 ? -1 : poolInUse + poolIdle;
    }
}
