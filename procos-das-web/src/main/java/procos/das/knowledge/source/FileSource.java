package procos.das.knowledge.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** A file on disk, identified by its absolute, normalized path. */
public record FileSource(Path path) implements Source {

    public FileSource {
        path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
    }

    @Override
    public String id() {
        return path.toString();
    }

    @Override
    public String name() {
        Path fileName = path.getFileName();
        return fileName == null ? "" : fileName.toString();
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}
