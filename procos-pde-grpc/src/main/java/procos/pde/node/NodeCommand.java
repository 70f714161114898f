package procos.pde.node;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;
import procos.pde.conformance.ConformanceCommand;
import procos.pde.pool.InvalidPoolConfigException;

/**
 * The {@code procos-pde-node} command: arguments → configuration → a started {@link PdeNode} that
 * runs until the JVM is asked to stop; or, with {@code conformance} as the first argument, the
 * endpoint conformance check ({@link ConformanceCommand}). Returns an exit status instead of calling
 * {@link System#exit}, so every path that ends before the node serves (help, bad arguments, bad
 * configuration, port in use) can be tested in-process; {@link PdeNode#main} does the exiting.
 */
public final class NodeCommand {

    public static final int EXIT_OK = 0;
    /** The node could not start although its configuration is valid (e.g. the port is taken). */
    public static final int EXIT_START_FAILED = 1;
    /** Bad arguments or a bad configuration: nothing was started. */
    public static final int EXIT_USAGE = 2;

    private static final String NAME = "procos-pde-node";
    /** First argument that runs the endpoint conformance check instead of a node. */
    public static final String CONFORMANCE = "conformance";

    private NodeCommand() {
    }

    /**
     * Runs the command. On success it blocks until shutdown: a JVM shutdown hook (Ctrl-C,
     * {@code SIGTERM}) stops the node with its grace period, then this returns {@link #EXIT_OK}.
     *
     * @param env the process environment ({@code System::getenv}): the token variable and
     *            {@code ${VAR}} substitution in the YAML
     * @param out where help goes (log lines go to the log sink, stdout by default)
     * @param err where problems go, one per line
     */
    public static int run(List<String> args, Function<String, String> env, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && args.get(0).equals(CONFORMANCE)) {
            return ConformanceCommand.run(args.subList(1, args.size()), out, err);
        }
        if (NodeArguments.wantsHelp(args)) {
            out.print(NodeArguments.USAGE);
            return EXIT_OK;
        }
        PdeNode node;
        try {
            node = PdeNode.create(NodeArguments.parse(args, env), env);
        } catch (NodeUsageException e) {
            err.println(NAME + ": " + e.getMessage());
            err.println("Run with --help for usage.");
            return EXIT_USAGE;
        } catch (InvalidPoolConfigException e) {
            err.println(NAME + ": " + e.getMessage()); // the message lists every problem, one per line
            return EXIT_USAGE;
        }
        try {
            node.start();
        } catch (IOException e) {
            err.println(NAME + ": cannot listen on port " + node.options().port() + ": " + rootMessage(e));
            return EXIT_START_FAILED;
        }
        return serveUntilShutdown(node);
    }

    private static int serveUntilShutdown(PdeNode node) {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> node.stop(node.options().shutdownGrace()), NAME + "-shutdown"));
        try {
            node.blockUntilShutdown();
            return EXIT_OK;
        } catch (InterruptedException e) {
            node.stop(node.options().shutdownGrace());
            Thread.currentThread().interrupt();
            return EXIT_START_FAILED;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
