package procos.pde.endpoint.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/**
 * The configured directory of vetted scripts that tasks name by {@code script_file}. A name is a
 * path relative to it; absolute names and any {@code ..} are refused by their spelling, and a
 * name's real path (links followed) must still lie inside, so neither spelling nor a link can make
 * the endpoint run a file an operator did not put there.
 */
final class ScriptsDirectory {

    private final Path root;

    /** @param root a real path (as {@link Path#toRealPath} returns) of an existing directory */
    ScriptsDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /**
     * The real path of the script named {@code name}.
     *
     * @throws EndpointException {@code PATH_OUTSIDE_SCRIPTS_DIR}, {@code SCRIPT_NOT_FOUND} or
     *                           {@code INVALID_INPUT} (not a regular file, not a valid name)
     */
    Path script(String name) throws EndpointException {
        if (name.indexOf('\0') >= 0 || name.startsWith("/") || name.startsWith("\\")) {
            throw outside(name);
        }
        Path relative;
        try {
            relative = Path.of(name);
        } catch (InvalidPathException e) {
            throw InvokeInputs.invalid("script_file '" + name + "' is not a valid file name");
        }
        for (Path part : relative) {
            if (part.toString().equals("..")) {
                throw outside(name);
            }
        }
        Path real;
        try {
            real = root.resolve(relative).toRealPath();
        } catch (NoSuchFileException e) {
            throw ScriptErrors.of(ScriptErrors.SCRIPT_NOT_FOUND, "script_file '" + name + "' does not exist in scripts_dir");
        } catch (IOException e) {
            throw ScriptErrors.of(ScriptErrors.SCRIPT_NOT_FOUND, "script_file '" + name + "' cannot be resolved: "
                    + e.getClass().getSimpleName());
        }
        if (!real.startsWith(root)) {
            throw outside(name);
        }
        if (!Files.isRegularFile(real)) {
            throw InvokeInputs.invalid("script_file '" + name + "' is not a regular file");
        }
        return real;
    }

    private static EndpointException outside(String name) {
        return ScriptErrors.of(ScriptErrors.PATH_OUTSIDE_SCRIPTS_DIR, "script_file '" + name.replace('\0', '?')
                + "' is outside scripts_dir: give a name relative to it, without '..'");
    }
}
