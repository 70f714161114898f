package procos.pde.endpoint.script;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The interpreters a script endpoint may start, each resolved once, at boot, to an executable
 * file. A command is written as a bare name ({@code python3}, found on the scripts' {@code path})
 * or as an absolute path ({@code /bin/sh}); tasks name it exactly as written. Nothing else can be
 * started: the task chooses among these, it never supplies a command line.
 */
public final class CommandAllowlist {

    private static final Pattern BARE_NAME = Pattern.compile("[A-Za-z0-9._+-]+");

    private final Map<String, Path> executables;

    private CommandAllowlist(Map<String, Path> executables) {
        this.executables = Collections.unmodifiableMap(executables);
    }

    /**
     * @param commands   names or absolute paths, as listed in the setting
     * @param searchPath the {@code PATH} the scripts get, where bare names are looked up
     * @throws IllegalArgumentException saying which command is malformed or not found
     */
    static CommandAllowlist of(List<String> commands, String searchPath) {
        Map<String, Path> executables = new LinkedHashMap<>();
        for (String command : commands) {
            executables.put(command, resolve(command, searchPath));
        }
        if (executables.isEmpty()) {
            throw new IllegalArgumentException("lists no command");
        }
        return new CommandAllowlist(executables);
    }

    /** The executable of {@code command} as written in the allowlist, if it is there. */
    public Optional<Path> executable(String command) {
        return Optional.ofNullable(executables.get(command));
    }

    /** Each command as written, with the executable it resolved to, in the order listed. */
    public Map<String, Path> executables() {
        return executables;
    }

    @Override
    public String toString() {
        return String.join(", ", executables.keySet());
    }

    private static Path resolve(String command, String searchPath) {
        if (command.startsWith("/")) {
            Path path;
            try {
                path = Path.of(command).normalize();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'" + command + "' is not a valid path");
            }
            if (!isExecutableFile(path)) {
                throw new IllegalArgumentException("'" + command + "' is not an executable file");
            }
            return path;
        }
        if (!BARE_NAME.matcher(command).matches()) {
            throw new IllegalArgumentException("'" + command + "' must be a bare command name or an absolute path");
        }
        for (String directory : searchPath.split(":")) {
            if (directory.startsWith("/")) {
                Path candidate = Path.of(directory, command);
                if (isExecutableFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalArgumentException("'" + command + "' is not found on path " + searchPath);
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
