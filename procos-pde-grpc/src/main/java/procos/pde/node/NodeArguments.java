package procos.pde.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The node's command line, parsed by hand: a few options do not justify a dependency, and every
 * mistake gets a message naming the argument at fault. Options take their value as the next
 * argument or after {@code =} ({@code --port 50061} or {@code --port=50061}); each may be given
 * once.
 */
public final class NodeArguments {

    /** Environment variable holding the bearer token when {@code --token-file} is not given. */
    public static final String TOKEN_VARIABLE = "PROCOS_GRPC_TOKEN";

    private static final String CONFIG = "--config";
    private static final String PORT = "--port";
    private static final String TOKEN_FILE = "--token-file";
    private static final String DEV = "--dev";
    private static final String TLS_CERT_CHAIN = "--tls-cert-chain";
    private static final String TLS_PRIVATE_KEY = "--tls-private-key";
    private static final String TLS_CLIENT_CA = "--tls-client-ca";
    private static final Set<String> VALUE_OPTIONS =
            Set.of(CONFIG, PORT, TOKEN_FILE, TLS_CERT_CHAIN, TLS_PRIVATE_KEY, TLS_CLIENT_CA);

    /** Largest token file read; a token is a few dozen bytes, anything near this is a wrong file. */
    static final int MAX_TOKEN_FILE_BYTES = 64 * 1024;

    public static final String USAGE = """
            Usage: java -jar procos-pde-node.jar [--config FILE] [--port N] [--token-file FILE] [--dev]
                       [--tls-cert-chain FILE --tls-private-key FILE [--tls-client-ca FILE]]
                   java -jar procos-pde-node.jar conformance --target HOST:PORT [--token TOKEN]

            Runs a standalone ProcOS PDE node: the PDE pipeline over the endpoints of a PDE manager
            configuration, served as procos.pde.v1.PdeService over gRPC, with grpc.health.v1 and
            server reflection.

              --config FILE      PDE manager YAML (pde_manager: ...); node_id becomes the PDE id and
                                 the first pool's type the PDE type. Default: the built-in
                                 configuration (general_purpose pool, builtin noop/echo endpoint).
              --port N           port to listen on, 0..65535 (0 = any free port). Default: %d.
              --token-file FILE  file holding the bearer token callers must send. Default: the
                                 environment variable %s.
              --dev              allow running without a token (development only, never in production).
              --tls-cert-chain FILE, --tls-private-key FILE
                                 serve TLS with this PEM certificate chain and its PEM (PKCS#8) private
                                 key. Default: plaintext.
              --tls-client-ca FILE
                                 with TLS: require callers to present a client certificate issued by
                                 one of these PEM CA certificates (mutual TLS).
              --help             print this help and exit.

            conformance checks that an endpoint (EndpointService, any language) honours the
            contract; `conformance --help` explains it.

            Logs are JSON lines on stdout (PROCOS_LOG_FILE=path writes them to a file instead).
            Exit status: 0 after a clean shutdown, 1 if the node cannot start (e.g. port in use),
            2 for bad arguments or a bad configuration (every problem is printed to stderr).
            """.formatted(PdeNodeOptions.DEFAULT_PORT, TOKEN_VARIABLE);

    private NodeArguments() {
    }

    /** True if any argument asks for help; help wins over every other argument, valid or not. */
    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /**
     * The options the arguments describe, with the token read from {@code --token-file} or, failing
     * that, from {@value #TOKEN_VARIABLE} in {@code env}.
     *
     * @throws NodeUsageException naming the argument at fault
     */
    public static PdeNodeOptions parse(List<String> args, Function<String, String> env) throws NodeUsageException {
        Map<String, String> values = new HashMap<>();
        boolean dev = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            String inlineValue = arg.startsWith("--") && equals > 0 ? arg.substring(equals + 1) : null;
            if (!VALUE_OPTIONS.contains(name) && !name.equals(DEV)) {
                throw new NodeUsageException("unknown argument '" + arg + "'");
            }
            if (values.containsKey(name) || (name.equals(DEV) && dev)) {
                throw new NodeUsageException(name + " is given more than once");
            }
            if (name.equals(DEV)) {
                if (inlineValue != null) {
                    throw new NodeUsageException("--dev takes no value, got '" + arg + "'");
                }
                dev = true;
                continue;
            }
            String value = inlineValue;
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new NodeUsageException(name + " needs a value");
                }
                value = args.get(++i);
            }
            values.put(name, value);
        }
        Optional<Path> config = optionalPath(values, CONFIG);
        int port = values.containsKey(PORT) ? port(values.get(PORT)) : PdeNodeOptions.DEFAULT_PORT;
        Optional<Path> tokenFile = optionalPath(values, TOKEN_FILE);
        Optional<String> token = tokenFile.isPresent()
                ? Optional.of(readToken(tokenFile.get()))
                : Optional.ofNullable(env.apply(TOKEN_VARIABLE)).map(String::strip).filter(t -> !t.isEmpty());
        if (token.isEmpty() && !dev) {
            throw new NodeUsageException("no bearer token: pass --token-file FILE or set " + TOKEN_VARIABLE
                    + "; --dev runs without authentication (development only)");
        }
        return new PdeNodeOptions(config, port, token, dev, tls(values), PdeNodeOptions.DEFAULT_SHUTDOWN_GRACE);
    }

    /** TLS needs the certificate chain and its key together; the client CA only makes sense with them. */
    private static Optional<PdeNodeOptions.Tls> tls(Map<String, String> values) throws NodeUsageException {
        Optional<Path> certChain = optionalPath(values, TLS_CERT_CHAIN);
        Optional<Path> privateKey = optionalPath(values, TLS_PRIVATE_KEY);
        Optional<Path> clientCa = optionalPath(values, TLS_CLIENT_CA);
        if (certChain.isPresent() != privateKey.isPresent()) {
            throw new NodeUsageException(certChain.isPresent()
                    ? TLS_CERT_CHAIN + " needs " + TLS_PRIVATE_KEY + " FILE too (the certificate's private key)"
                    : TLS_PRIVATE_KEY + " needs " + TLS_CERT_CHAIN + " FILE too (the certificate it belongs to)");
        }
        if (certChain.isEmpty()) {
            if (clientCa.isPresent()) {
                throw new NodeUsageException(TLS_CLIENT_CA + " needs TLS: give " + TLS_CERT_CHAIN + " and "
                        + TLS_PRIVATE_KEY + " too");
            }
            return Optional.empty();
        }
        readable(TLS_CERT_CHAIN, certChain.get());
        readable(TLS_PRIVATE_KEY, privateKey.get());
        if (clientCa.isPresent()) {
            readable(TLS_CLIENT_CA, clientCa.get());
        }
        return Optional.of(new PdeNodeOptions.Tls(certChain.get(), privateKey.get(), clientCa));
    }

    private static Optional<Path> optionalPath(Map<String, String> values, String name) throws NodeUsageException {
        return values.containsKey(name) ? Optional.of(path(name, values.get(name))) : Optional.empty();
    }

    /** Checked here, so a wrong path is a usage error naming the option, not a failed start. */
    private static void readable(String name, Path file) throws NodeUsageException {
        if (!Files.isRegularFile(file)) {
            throw new NodeUsageException(name + " " + file + " does not exist or is not a file");
        }
        if (!Files.isReadable(file)) {
            throw new NodeUsageException(name + " " + file + " cannot be read (check its permissions)");
        }
    }

    private static Path path(String name, String value) throws NodeUsageException {
        if (value.isBlank()) {
            throw new NodeUsageException(name + " needs a file name, got an empty value");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new NodeUsageException(name + " '" + value + "' is not a valid path: " + e.getReason());
        }
    }

    private static int port(String value) throws NodeUsageException {
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new NodeUsageException("--port '" + value + "' is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new NodeUsageException("--port " + port + " is out of range 0..65535");
        }
        return port;
    }

    /** The file's content without surrounding white space (a trailing newline is the usual case). */
    private static String readToken(Path file) throws NodeUsageException {
        try {
            if (Files.size(file) > MAX_TOKEN_FILE_BYTES) {
                throw new NodeUsageException("--token-file " + file + " is larger than " + MAX_TOKEN_FILE_BYTES
                        + " bytes; it should hold only the token");
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new NodeUsageException("--token-file " + file + " is empty");
            }
            return token;
        } catch (NoSuchFileException e) {
            throw new NodeUsageException("--token-file " + file + " does not exist");
        } catch (IOException e) {
            throw new NodeUsageException("--token-file " + file + " cannot be read: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
