package procos.pde.endpoint.script;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.EndpointException;

/**
 * A fresh, owner-only directory under the sandbox root for one run: the script's working
 * directory and {@code HOME}, removed with everything in it when the run ends, so nothing one task
 * leaves behind is seen by the next. It is where a script works, not a jail: the process runs with
 * the server's user and could still reach other paths it names.
 */
final class WorkDirectory implements AutoCloseable {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("endpoint.script");

    private final Path path;

    private WorkDirectory(Path path) {
        this.path = path;
    }

    static WorkDirectory create(Path sandboxRoot) throws EndpointException {
        try {
            return new WorkDirectory(Files.createTempDirectory(sandboxRoot, "run-"));
        } catch (IOException e) {
            throw ScriptErrors.of(ScriptErrors.SANDBOX_ERROR, "cannot create a working directory under sandbox_root: "
                    + e.getClass().getSimpleName());
        }
    }

    Path path() {
        return path;
    }

    /** Deletes the directory; links inside are removed, never followed. A failure is logged, not thrown. */
    @Override
    public void close() {
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("work_directory_left").with("directory", path.toString()).error(e).log();
        }
    }
}
