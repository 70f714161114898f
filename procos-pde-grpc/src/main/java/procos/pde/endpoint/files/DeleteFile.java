package procos.pde.endpoint.files;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/**
 * {@code files.delete}: input {@code path}; output {@code deleted}, false when there was nothing
 * to delete, so a retried delete succeeds instead of failing on its own earlier success. Removes a
 * file, an empty directory ({@code DIRECTORY_NOT_EMPTY} otherwise) or a link itself, never what
 * the link points to; the directory holding it must be inside the sandbox.
 */
final class DeleteFile implements FileOperation {

    private final Sandbox sandbox;

    DeleteFile(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public boolean changes() {
        return true;
    }

    @Override
    public Struct run(InvokeInputs inputs) throws EndpointException {
        SandboxPath path = SandboxPath.parse(inputs.requiredString("path"));
        if (path.isRoot()) {
            throw InvokeInputs.invalid("the sandbox root cannot be deleted");
        }
        Path entry;
        try {
            entry = sandbox.directory(path, false).resolve(sandbox.name(path));
        } catch (EndpointException e) {
            if (e.code().equals(FileErrors.NOT_FOUND)) {
                return deleted(false);
            }
            throw e;
        }
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return deleted(false);
        }
        try {
            Files.delete(entry);
            return deleted(true);
        } catch (NoSuchFileException e) {
            return deleted(false);
        } catch (DirectoryNotEmptyException e) {
            throw new EndpointException(FileErrors.DIRECTORY_NOT_EMPTY, "path " + FileErrors.show(path.input())
                    + " is a directory that is not empty", false);
        } catch (IOException e) {
            throw FileErrors.io(path.input(), "delete", e);
        }
    }

    private static Struct deleted(boolean deleted) {
        return Struct.newBuilder().putFields("deleted", Value.newBuilder().setBoolValue(deleted).build()).build();
    }
}
