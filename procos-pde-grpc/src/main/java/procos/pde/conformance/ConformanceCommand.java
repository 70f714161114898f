package procos.pde.conformance;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import procos.pde.grpc.GrpcChannelOptions;
import procos.pde.pool.HostPort;
import procos.pde.pool.TlsConfig;

/**
 * The {@code conformance} command: {@code --target host:port [--token T]} and the TLS options of a
 * configured endpoint ({@code tls} mapping) as flags; prints the report and
 * answers with an exit status a CI job can act on. Returns the status instead of exiting, so every
 * path is testable in-process.
 */
public final class ConformanceCommand {

    public static final int EXIT_CONFORMS = 0;
    /** The endpoint was checked and at least one check failed. */
    public static final int EXIT_DOES_NOT_CONFORM = 1;
    public static final int EXIT_USAGE = 2;

    private static final String NAME = "procos-pde-node conformance";

    private static final String TARGET = "--target";
    private static final String TOKEN = "--token";
    private static final String TLS = "--tls";
    private static final String TRUST_CERT_CHAIN = "--trust-cert-chain";
    private static final String AUTHORITY = "--authority";
    private static final String CERT_CHAIN = "--cert-chain";
    private static final String PRIVATE_KEY = "--private-key";
    /** Options that imply {@value #TLS}. */
    private static final List<String> TLS_OPTIONS = List.of(TRUST_CERT_CHAIN, AUTHORITY, CERT_CHAIN, PRIVATE_KEY);
    private static final Set<String> VALUE_OPTIONS =
            Set.of(TARGET, TOKEN, TRUST_CERT_CHAIN, AUTHORITY, CERT_CHAIN, PRIVATE_KEY);

    public static final String USAGE = """
            Usage: java -jar procos-pde-node.jar conformance --target HOST:PORT [--token TOKEN]
                       [--tls] [--trust-cert-chain FILE] [--authority NAME]
                       [--cert-chain FILE --private-key FILE]

            Checks that the endpoint at HOST:PORT honours the procos.pde.v1.EndpointService contract
            (health, describe, call examples, refusals, deadlines, correlation ids, authentication)
            and prints one line per check. Plaintext gRPC unless a TLS option is given.

              --target HOST:PORT       the endpoint to check.
              --token TOKEN            bearer token to send; also checks that calls without it are refused.
              --tls                    connect over TLS, trusting the JVM's trust store.
              --trust-cert-chain FILE  TLS, trusting these PEM certificates instead.
              --authority NAME         TLS, checking the certificate against NAME instead of HOST.
              --cert-chain FILE, --private-key FILE
                                       TLS, presenting this PEM client certificate and PKCS#8 key.
              --help                   print this help and exit.

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
        Map<String, String> values = new HashMap<>();
        boolean tls = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (name.equals(TLS)) {
                if (equals > 0) {
                    throw new IllegalArgumentException(TLS + " takes no value, got '" + arg + "'");
                }
                if (tls) {
                    throw new IllegalArgumentException(TLS + " is given more than once");
                }
                tls = true;
                continue;
            }
            if (!VALUE_OPTIONS.contains(name)) {
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
            if (values.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException(name + " is given more than once");
            }
        }
        String target = values.get(TARGET);
        if (target == null) {
            throw new IllegalArgumentException("--target HOST:PORT is required");
        }
        if (HostPort.parse(target).isEmpty()) {
            throw new IllegalArgumentException("--target '" + target + "' is not HOST:PORT");
        }
        String token = values.get(TOKEN);
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("--token is empty");
        }
        boolean anyTls = tls || TLS_OPTIONS.stream().anyMatch(values::containsKey);
        TlsConfig tlsConfig = !anyTls ? TlsConfig.PLAINTEXT : new TlsConfig(true, readable(values, TRUST_CERT_CHAIN),
                Optional.ofNullable(values.get(AUTHORITY)), readable(values, CERT_CHAIN), readable(values, PRIVATE_KEY));
        return GrpcChannelOptions.configured(target, tlsConfig, Optional.ofNullable(token));
    }

    private static Optional<Path> readable(Map<String, String> values, String name) {
        Optional<Path> file = Optional.ofNullable(values.get(name)).map(Path::of);
        if (file.isPresent() && !(Files.isRegularFile(file.get()) && Files.isReadable(file.get()))) {
            throw new IllegalArgumentException(name + " " + file.get() + " is not a readable file");
        }
        return file;
    }
}
