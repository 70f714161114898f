package procos.pde.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.Deadline;
import java.util.concurrent.TimeUnit;
import procos.pde.v1.TaskSpec;

/**
 * The one deadline a task runs under: the earlier of the gRPC call deadline and
 * {@code TaskSpec.deadline}. The contract names both sources, so they are combined in one place
 * rather than each RPC deciding which wins.
 */
final class TaskDeadlines {

    private TaskDeadlines() {
    }

    /** The effective deadline, or {@code null} when neither the call nor the spec sets one. */
    static Deadline effective(Deadline callDeadline, TaskSpec spec) {
        Deadline specDeadline = fromSpec(spec);
        if (callDeadline == null) {
            return specDeadline;
        }
        return specDeadline == null ? callDeadline : callDeadline.minimum(specDeadline);
    }

    static boolean expired(Deadline callDeadline, TaskSpec spec) {
        Deadline deadline = effective(callDeadline, spec);
        return deadline != null && deadline.isExpired();
    }

    /**
     * {@code spec.deadline} as a {@link Deadline}. A wall-clock instant turned into a relative
     * deadline now, which is what {@code Deadline} measures against.
     */
    static Deadline fromSpec(TaskSpec spec) {
        if (!spec.hasDeadline()) {
            return null;
        }
        Timestamp ts = spec.getDeadline();
        long deadlineMillis = ts.getSeconds() * 1000L + ts.getNanos() / 1_000_000;
        return Deadline.after(deadlineMillis - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
    }
}
