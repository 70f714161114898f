package procos.pde.endpoint.files;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/**
 * {@code files.write}: inputs {@code path}, {@code content}, {@code encoding} ({@code utf-8}
 * default, or {@code base64}), {@code create_dirs} (default false) and {@code overwrite} (default
 * false: an existing file is an error, {@code FILE_EXISTS}); outputs {@code path} (normalized) and
 * {@code size}. Everything that can be checked is checked before the disk is touched, and the
 * write itself is atomic ({@link AtomicWriter}). Writing to a link inside the sandbox writes its
 * target.
 */
final class WriteFile implements FileOperation {

    private final Sandbox sandbox;
    private final long maxFileBytes;

    WriteFile(Sandbox sandbox, long maxFileBytes) {
        this.sandbox = sandbox;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public boolean changes() {
        return true;
    }

    @Override
    public Struct run(InvokeInputs inputs) throws EndpointException {
        SandboxPath path = SandboxPath.parse(inputs.requiredString("path"));
        if (path.isRoot()) {
            throw InvokeInputs.invalid("path " + FileErrors.show(path.input()) + " names no file");
        }
        byte[] content = ContentEncoding.of(inputs.string("encoding")).decode(inputs.requiredString("content"));
        if (content.length > maxFileBytes) {
            throw FileErrors.tooLarge(path.input(), content.length, maxFileBytes);
        }
        boolean createDirs = inputs.bool("create_dirs", false);
        boolean overwrite = inputs.bool("overwrite", false);

        Path target = sandbox.directory(path, createDirs).resolve(sandbox.name(path));
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            target = sandbox.realInside(target, path);
            if (!Files.isRegularFile(target)) {
                throw InvokeInputs.invalid("path " + FileErrors.show(path.input()) + " exists and is not a regular file");
            }
            if (!overwrite) {
                throw exists(path);
            }
        }
        try {
            AtomicWriter.write(target, content, overwrite);
        } catch (FileAlreadyExistsException e) {
            throw exists(path);
        } catch (IOException e) {
            throw FileErrors.io(path.input(), "write", e);
        }
        return Struct.newBuilder()
                .putFields("path", Value.newBuilder().setStringValue(path.normalized()).build())
                .putFields("size", Value.newBuilder().setNumberValue(content.length).build())
                .build();
    }

    private static EndpointException exists(SandboxPath path) {
        return new EndpointException(FileErrors.FILE_EXISTS, "path " + FileErrors.show(path.input())
                + " exists; set overwrite to replace it", false);
    }
}
