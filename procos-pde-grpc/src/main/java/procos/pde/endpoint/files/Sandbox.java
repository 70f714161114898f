package procos.pde.endpoint.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/**
 * Maps {@link SandboxPath}s to real paths under the root, and refuses any that would end up
 * elsewhere. Spelling is settled by {@code SandboxPath}; this class deals with what spelling
 * cannot show, symbolic links: the path is walked one name at a time from the (real) root, each
 * existing name is resolved to its real path and must still be under the root, and the
 * operations then work on those real paths, so a link can neither lead a read out nor a write or
 * {@code create_dirs} through.
 *
 * <p>What this does not cover: someone who can change the directory tree while a call runs (swap
 * a checked directory for a link between the check and the use). The sandbox protects the root
 * from what tasks ask for; it is not a defence against local users with write access to the root.
 */
final class Sandbox {

    private final Path root;

    /** @param root a real path (as {@link Path#toRealPath} returns) of an existing directory */
    Sandbox(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /**
     * The real path of an existing file or directory.
     *
     * @throws EndpointException {@code NOT_FOUND} if it (or a directory on the way) does not exist,
     *                           {@code PATH_OUTSIDE_SANDBOX} if it or a link on the way leads out
     */
    Path existing(SandboxPath path) throws EndpointException {
        if (path.isRoot()) {
            return root;
        }
        Path parent = directory(path, false);
        return realInside(parent.resolve(name(path)), path);
    }

    /**
     * The real directory that holds (or is to hold) the last name of {@code path}, creating missing
     * directories on the way when {@code create} is set.
     *
     * @throws EndpointException {@code NOT_FOUND} if a directory on the way is missing and
     *                           {@code create} is not set; {@code PATH_OUTSIDE_SANDBOX} if one leads out;
     *                           {@code INVALID_INPUT} if a name on the way is a file
     */
    Path directory(SandboxPath path, boolean create) throws EndpointException {
        Path current = root;
        List<String> names = path.parents();
        for (int i = 0; i < names.size(); i++) {
            Path next = current.resolve(checked(names.get(i), path));
            if (Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                Path real = realInside(next, path);
                if (!Files.isDirectory(real)) {
                    throw InvokeInputs.invalid("path " + FileErrors.show(path.input()) + ": '"
                            + String.join("/", names.subList(0, i + 1)) + "' is not a directory");
                }
                current = real;
            } else if (create) {
                try {
                    Files.createDirectory(next);
                } catch (FileAlreadyExistsException raced) {
                    i--; // created meanwhile by someone else: check what it is, like any existing name
                    continue;
                } catch (IOException e) {
                    throw FileErrors.io(path.input(), "create directories for", e);
                }
                current = next;
            } else {
                throw FileErrors.notFound(path.input());
            }
        }
        return current;
    }

    /**
     * The real path of {@code candidate}, an existing entry (possibly a link), if it is under the root.
     *
     * @throws EndpointException {@code PATH_OUTSIDE_SANDBOX} if it resolves outside (or is a
     *                           dangling link pointing outside), {@code NOT_FOUND} if it does not exist
     */
    Path realInside(Path candidate, SandboxPath path) throws EndpointException {
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(candidate) && !contains(danglingTarget(candidate))) {
                throw FileErrors.outside(path.input());
            }
            throw FileErrors.notFound(path.input());
        } catch (IOException e) {
            // A link loop, for one: whatever it is, nothing under the root can be reached through it.
            throw FileErrors.io(path.input(), "resolve", e);
        }
        if (!contains(real)) {
            throw FileErrors.outside(path.input());
        }
        return real;
    }

    /** The last name of {@code path} as a file system name. */
    Path name(SandboxPath path) throws EndpointException {
        return checked(path.name(), path);
    }

    boolean contains(Path real) {
        return real.startsWith(root);
    }

    /** {@code real}, under the root, spelt as a task would spell it: {@code a/b/c}. */
    String relative(Path real) {
        return StreamSupport.stream(root.relativize(real).spliterator(), false)
                .map(Path::toString).collect(Collectors.joining("/"));
    }

    /** Where a link whose target does not exist points, without following anything. */
    private static Path danglingTarget(Path link) {
        try {
            return link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
        } catch (IOException | RuntimeException e) {
            return link.getFileSystem().getPath("/").toAbsolutePath(); // unknown: treat as outside
        }
    }

    private Path checked(String name, SandboxPath path) throws EndpointException {
        try {
            Path single = root.getFileSystem().getPath(name);
            if (single.getNameCount() != 1 || single.isAbsolute()) {
                throw FileErrors.outside(path.input());
            }
            return single;
        } catch (InvalidPathException e) {
            throw InvokeInputs.invalid("path " + FileErrors.show(path.input()) + " is not a valid file name here");
        }
    }
}
