package procos.kernel.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * A one-line file the server generates once and reuses on every later boot (the gRPC token, the
 * node id, generated passwords), readable and writable by its owner only. The file is never visible with wider
 * permissions or half written: the value goes to a temporary file created owner-only (the
 * permissions are part of its creation, not set afterwards), is flushed to the disk, and is then
 * renamed to its name in one step.
 */
public final class OwnerOnlyFile {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFile() {
    }

    /** The file's value, and whether this call generated it. */
    public record Value(String text, boolean generated) {
    }

    /**
     * The file's trimmed content; when the file is missing or blank, {@code generator}'s value,
     * written to it first.
     */
    public static Value readOrCreate(Path file, Supplier<String> generator) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isRegularFile(target)) {
            String existing = Files.readString(target, StandardCharsets.UTF_8).trim();
            if (!existing.isEmpty()) {
                return new Value(existing, false);
            }
        }
        String value = generator.get();
        write(target, value + "\n");
        return new Value(value, true);
    }

    /**
     * Replaces {@code file}'s content in one step (temporary owner-only file, flushed, renamed), for
     * files the server rewrites on every boot.
     */
    public static void write(Path file, String content) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", ownerOnly());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A fresh random secret of {@code bytes} random bytes, URL-safe Base64 without padding. */
    public static String randomSecret(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static FileAttribute<?>[] ownerOnly() {
        // Without POSIX permissions (Windows) the directory's own protection applies.
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
