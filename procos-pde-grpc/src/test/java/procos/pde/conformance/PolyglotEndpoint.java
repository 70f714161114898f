package procos.pde.conformance;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The example endpoints under {@code docs/examples}, each prepared and started as its README says.
 * A missing tool FAILS the test with what to install: an example that silently stops being tested
 * is worse than a red build.
 */
enum PolyglotEndpoint {

    PYTHON("endpoint-python", "apt-get install -y python3 python3-grpcio python3-protobuf protobuf-compiler"
            + " protobuf-compiler-grpc libprotobuf-dev") {
        @Override
        void prepare(Path buildDir) throws InterruptedException {
            require(Files.isExecutable(Path.of(PYTHON3)), PYTHON3 + " does not exist");
            ToolRun imports = ToolRun.run(List.of(PYTHON3, "-c", "import grpc, google.protobuf"), directory(), TOOL_TIMEOUT);
            require(imports.succeeded(), PYTHON3 + " cannot import grpc and protobuf:\n" + imports.output());
            ToolRun stubs = ToolRun.run(List.of("sh", "generate_stubs.sh", stubs(buildDir).toString()), directory(),
                    TOOL_TIMEOUT);
            require(stubs.succeeded(), "generate_stubs.sh failed:\n" + stubs.output());
        }

        @Override
        List<String> command(Path buildDir) {
            return List.of(PYTHON3, "text_endpoint.py", "--port", "0", "--stubs", stubs(buildDir).toString());
        }

        private Path stubs(Path buildDir) {
            return buildDir.resolve("python-stubs");
        }
    },

    NODE("endpoint-node", "Node.js 18 or later with npm (apt-get install -y nodejs npm), then `npm ci` in"
            + " docs/examples/endpoint-node, which needs the npm registry") {
        @Override
        void prepare(Path buildDir) throws InterruptedException {
            ToolRun node = ToolRun.run(List.of("node", "--version"), directory(), TOOL_TIMEOUT);
            require(node.succeeded(), "node is not runnable: " + node.output());
            ToolRun install = ToolRun.run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), directory(),
                    Duration.ofMinutes(5));
            require(install.succeeded(), "npm ci failed:\n" + install.output());
        }

        @Override
        List<String> command(Path buildDir) {
            return List.of("node", "text_endpoint.js", "--port", "0");
        }
    };

    static final String PYTHON3 = "/usr/bin/python3";
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);

    private final String folder;
    private final String installHint;

    PolyglotEndpoint(String folder, String installHint) {
        this.folder = folder;
        this.installHint = installHint;
    }

    /** Generates or installs what the endpoint needs; fails, naming what to install, if a tool is missing. */
    abstract void prepare(Path buildDir) throws InterruptedException;

    /** The command line that starts it on a free port, run in {@link #directory()}. */
    abstract List<String> command(Path buildDir);

    /** The example's folder; tests run in the module directory, one level below the repository root. */
    Path directory() {
        return Path.of("..", "docs", "examples", folder).toAbsolutePath().normalize();
    }

    void require(boolean condition, String problem) {
        if (!condition) {
            fail("The " + name().toLowerCase() + " example endpoint cannot be tested: " + problem
                    + "\nInstall: " + installHint);
        }
    }
}
