package procos.pde.endpoint.script;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A script's process and everything it started. Killing only the script would leave its children
 * running, and once their parent is dead they are re-parented and can no longer be found from it;
 * so the descendants are noted while the script runs ({@link #track}) and each process's own
 * descendants are taken just before it is killed.
 *
 * <p>What this does not cover: a process that detaches (double fork) and whose parent dies between
 * two looks; containing those needs an operating-system boundary (a cgroup or a separate user).
 */
final class ProcessTree {

    private final ProcessHandle root;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    ProcessTree(Process process) {
        this.root = process.toHandle();
    }

    /** Notes the current descendants, so they can still be killed after their parent is gone. */
    void track() {
        root.descendants().forEach(seen::add);
    }

    /** Kills the script and every process of it still alive, whether it ended on its own or not. */
    void killAll() {
        Deque<ProcessHandle> pending = new ArrayDeque<>();
        pending.add(root);
        pending.addAll(seen);
        Set<Long> killed = new HashSet<>();
        ProcessHandle next;
        while ((next = pending.poll()) != null) {
            if (!killed.add(next.pid())) {
                continue;
            }
            // Before the kill: once it is dead its children are re-parented and cannot be found from it.
            next.descendants().forEach(pending::add);
            next.destroyForcibly();
        }
    }
}
