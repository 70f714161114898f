package procos.pde.conformance;

import java.io.PrintStream;
import java.util.List;
import procos.pde.grpc.GrpcChannelOptions;
import procos.pde.pool.HostPort;

/**
 * The {@code conformance} command: {@code --target host:port [--token T]}, prints the report and
 * answers with an exit status a CI job can act on. Returns the status instead of exiting, so every
 * path is testable in-process.
 */
public final class ConformanceCommand {

    public static final int EXIT_CONFORMS = 0;
    /** The endpoint was checked and at least one check failed. */
    public static final int EXIT_DOES_NOT_CONFORM = 1;
    public static final int EXIT_USAGE = 2;

    private static final String NAME = "procos-pde-node conformance";

    public static final String USAGE = """
            Usage: java -jar procos-pde-node.jar conformance --target HOST:PORT [--token TOKEN]

            Checks that the endpoint at HOST:PORT honours the procos.pde.v1.EndpointService contract
            (health, describe, call examples, refusals, deadlines, correlation ids, authentication)
            and prints one line per check. Plaintext gRPC.

              --target HOST:PORT  the endpoint to check.
              --token TOKEN       bearer token to send; also checks that calls without it are refused.
              --help              print this help and exit.

            Exit status: 0 if the endpoint conforms, 1 if a check failed, 2 for bad arguments.
            """;

    private ConformanceCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return EXIT_CONFORMS;
        }
        GrpcChannelOptions target;
        try {
            target = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage());
            err.println("Run with --help for usage.");
            return EXIT_USAGE;
        }
        ConformanceReport report = EndpointConformance.check(target);
        out.print(report.render());
        return report.conforms() ? EXIT_CONFORMS : EXIT_DOES_NOT_CONFORM;
    }

    private static GrpcChannelOptions parse(List<String> args) {
        String target = null;
        String token = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (!name.equals("--target") && !name.equals("--token")) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
            String value;
            if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            if (name.equals("--target") ? target != null : token != null) {
                throw new IllegalArgumentException(name + " is given more than once");
            }
            if (name.equals("--target")) {
                target = value;
            } else {
                token = value;
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("--target HOST:PORT is required");
        }
        if (HostPort.parse(target).isEmpty()) {
            throw new IllegalArgumentException("--target '" + target + "' is not HOST:PORT");
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("--token is empty");
        }
        return GrpcChannelOptions.plaintext(target).withBearerToken(token);
    }
}
