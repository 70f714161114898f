package procos.pde.routing;

import java.util.concurrent.ThreadFactory;

/** Threads of the router's background work: named for thread dumps, and never keeping the JVM alive. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
