package procos.pde.endpoint.files;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import procos.pde.endpoint.EndpointSettings;
import procos.pde.pool.EndpointConfig;

/**
 * The options of a {@code files} endpoint, read from its {@code settings} and checked once, at
 * construction, so that a bad value stops the boot with the endpoint id and setting named.
 *
 * @param root         the sandbox: its real path (symlinks resolved), which every file the endpoint
 *                     touches must be under
 * @param readOnly     whether writes and deletes are refused
 * @param maxFileBytes largest file read or written
 */
public record FilesSettings(Path root, boolean readOnly, long maxFileBytes) {

    public static final String ROOT = "root";
    public static final String READ_ONLY = "read_only";
    public static final String MAX_FILE_BYTES = "max_file_bytes";

    public static final long DEFAULT_MAX_FILE_BYTES = 10L << 20;
    /** Contents are held in memory and travel in one protobuf message; beyond this, use another endpoint kind. */
    public static final long MAX_FILE_BYTES_LIMIT = 256L << 20;

    public FilesSettings {
        Objects.requireNonNull(root, "root");
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be at least 1, got " + maxFileBytes);
        }
    }

    /**
     * Reads {@code root} (required; created if missing, then resolved to its real path),
     * {@code read_only} and {@code max_file_bytes}.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault
     */
    public static FilesSettings from(EndpointConfig config) {
        EndpointSettings settings = EndpointSettings.of(config, Set.of(ROOT, READ_ONLY, MAX_FILE_BYTES));
        String root = settings.required(ROOT, "the directory the endpoint may read and write under");
        boolean readOnly = settings.bool(READ_ONLY, false);
        long maxFileBytes = settings.bytes(MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES, MAX_FILE_BYTES_LIMIT);
        return new FilesSettings(settings.directory(ROOT, root, true), readOnly, maxFileBytes);
    }
}
