package procos.pde.endpoint.files;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/**
 * {@code files.read}: inputs {@code path}, {@code encoding} ({@code utf-8} default, or
 * {@code base64}); outputs {@code content}, {@code size} (bytes) and {@code encoding}. Only regular
 * files are read (a FIFO or device would block or never end), and never more than
 * {@code max_file_bytes}, even if the file grows while it is read.
 */
final class ReadFile implements FileOperation {

    private final Sandbox sandbox;
    private final long maxFileBytes;

    ReadFile(Sandbox sandbox, long maxFileBytes) {
        this.sandbox = sandbox;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public boolean changes() {
        return false;
    }

    @Override
    public Struct run(InvokeInputs inputs) throws EndpointException {
        SandboxPath path = SandboxPath.parse(inputs.requiredString("path"));
        ContentEncoding encoding = ContentEncoding.of(inputs.string("encoding"));
        Path file = sandbox.existing(path);
        byte[] bytes;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw InvokeInputs.invalid("path " + FileErrors.show(path.input()) + " is a directory; use files.list");
            }
            if (!attributes.isRegularFile()) {
                throw InvokeInputs.invalid("path " + FileErrors.show(path.input()) + " is not a regular file");
            }
            if (attributes.size() > maxFileBytes) {
                throw FileErrors.tooLarge(path.input(), attributes.size(), maxFileBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) maxFileBytes + 1);
            }
        } catch (IOException e) {
            throw FileErrors.io(path.input(), "read", e);
        }
        if (bytes.length > maxFileBytes) {
            throw FileErrors.tooLarge(path.input(), bytes.length, maxFileBytes);
        }
        return Struct.newBuilder()
                .putFields("content", Value.newBuilder().setStringValue(encoding.encode(bytes, path.input())).build())
                .putFields("size", Value.newBuilder().setNumberValue(bytes.length).build())
                .putFields("encoding", Value.newBuilder().setStringValue(encoding.label()).build())
                .build();
    }
}
