package procos.pde.conformance;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A build tool run to completion (stub generation, {@code npm ci}, a version probe), with a time
 * limit and its output kept in a file for the failure message.
 *
 * @param exitCode the tool's exit status; -1 if it could not be started or ran out of time
 * @param output   what it printed, or why it could not run
 */
record ToolRun(int exitCode, String output) {

    static ToolRun run(List<String> command, Path directory, Duration timeout) throws InterruptedException {
        try {
            Path log = Files.createTempFile("procos-tool-", ".log");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(Redirect.appendTo(log.toFile()))
                        .start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    return new ToolRun(-1, "did not finish within " + timeout + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new ToolRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new ToolRun(-1, "could not run " + command.get(0) + ": " + e.getMessage());
        }
    }

    boolean succeeded() {
        return exitCode == 0;
    }
}
