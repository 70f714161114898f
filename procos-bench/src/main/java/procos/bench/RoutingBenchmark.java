package procos.bench;

import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;
import procos.pde.pool.RouterConfig;

/**
 * Prints how learned routing compares with static priority routing on the {@link RoutingSimulation}
 * scenario, as a Markdown table. Arguments: {@code [tasks] [seed]} (default 4000 tasks, seed 1).
 * <pre>mvn -q -pl procos-bench exec:java -Dexec.mainClass=procos.bench.RoutingBenchmark</pre>
 */
public final class RoutingBenchmark {

    /** Held so the logging system keeps the setting: warnings go to the server log, not between the figures. */
    private static final Logger SERVER_LOG = Logger.getLogger("procos");

    private RoutingBenchmark() {
    }

    public static void main(String[] args) {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        RoutingSimulation simulation = new RoutingSimulation(tasks, seed);
        List<RoutingSimulation.Result> results;
        // Circuits open and close during the run; their log lines are not part of the figures.
        SERVER_LOG.setUseParentHandlers(false);
        try (SinkOverride quiet = StructuredLogger.useSink(new InMemorySink())) {
            results = List.of(simulation.run(RouterConfig.Policy.STATIC), simulation.run(RouterConfig.Policy.LEARNED));
        }
        System.out.println("Routing simulation: " + tasks + " tasks, seed " + seed + ", budget "
                + RoutingSimulation.BUDGET_MS + " ms per task, behaviour shifts after task " + tasks / 2);
        System.out.println();
        System.out.println("| policy | success | before shift | after shift | p50 ms | p95 ms | first choice |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (RoutingSimulation.Result result : results) {
            System.out.printf(Locale.ROOT, "| %s | %.1f %% | %.1f %% | %.1f %% | %d | %d | %s |%n",
                    result.policy(), 100 * result.successRate(), 100 * result.successBeforeShift(),
                    100 * result.successAfterShift(), result.p50Ms(), result.p95Ms(),
                    result.firstChoiceShare().entrySet().stream()
                            .map(share -> String.format(Locale.ROOT, "%s %.0f %%", share.getKey(), 100 * share.getValue()))
                            .collect(Collectors.joining(", ")));
        }
    }
}
