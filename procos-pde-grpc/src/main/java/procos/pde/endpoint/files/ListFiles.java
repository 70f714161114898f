package procos.pde.endpoint.files;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/**
 * {@code files.list}: inputs {@code path} (default: the root), {@code recursive} (default false)
 * and {@code max_entries} (default 1000, at most 100000); outputs {@code entries}, each
 * {@code {path, type, size}} with {@code path} relative to the root and {@code type} one of
 * {@code file}, {@code directory}, {@code symlink}, {@code other}, and {@code truncated} when there
 * were more.
 *
 * <p>Entries come in name order, depth first, so a truncated listing is always the same prefix.
 * Links are never followed while listing, so a recursive listing cannot leave the root or loop;
 * a link is listed as {@code symlink} only if it points inside the root, and links pointing out
 * are left out altogether. So are the temporary files of writes in progress, and entries deleted
 * while the listing runs.
 */
final class ListFiles implements FileOperation {

    static final int DEFAULT_MAX_ENTRIES = 1000;
    static final int MAX_ENTRIES_LIMIT = 100_000;

    private final Sandbox sandbox;

    ListFiles(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public boolean changes() {
        return false;
    }

    @Override
    public Struct run(InvokeInputs inputs) throws EndpointException {
        SandboxPath path = SandboxPath.parse(inputs.string("path").orElse(""));
        boolean recursive = inputs.bool("recursive", false);
        long maxEntries = inputs.positiveLong("max_entries").orElse(DEFAULT_MAX_ENTRIES);
        if (maxEntries > MAX_ENTRIES_LIMIT) {
            throw InvokeInputs.invalid("max_entries must be at most " + MAX_ENTRIES_LIMIT);
        }
        Path directory = sandbox.existing(path);
        if (!Files.isDirectory(directory)) {
            throw InvokeInputs.invalid("path " + FileErrors.show(path.input()) + " is not a directory");
        }
        Listing listing = new Listing((int) maxEntries);
        try {
            walk(directory, recursive, listing);
        } catch (IOException e) {
            throw FileErrors.io(path.input(), "list", e);
        }
        return Struct.newBuilder()
                .putFields("entries", Value.newBuilder().setListValue(listing.entries).build())
                .putFields("truncated", Value.newBuilder().setBoolValue(listing.truncated).build())
                .build();
    }

    /** Adds the entries of {@code directory}; returns false once the listing is full. */
    private boolean walk(Path directory, boolean recursive, Listing listing) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        } catch (NoSuchFileException vanished) {
            return true;
        }
        children.sort(Comparator.comparing(child -> child.getFileName().toString()));
        for (Path child : children) {
            if (AtomicWriter.isTemporary(child)) {
                continue;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException vanished) {
                continue; // deleted while listing: it is no longer there to list
            }
            String type;
            if (attributes.isSymbolicLink()) {
                if (!pointsInside(child)) {
                    continue;
                }
                type = "symlink";
            } else if (attributes.isDirectory()) {
                type = "directory";
            } else if (attributes.isRegularFile()) {
                type = "file";
            } else {
                type = "other";
            }
            if (!listing.add(sandbox.relative(child), type, attributes.isRegularFile() ? attributes.size() : 0)) {
                return false;
            }
            if (recursive && attributes.isDirectory() && !walk(child, true, listing)) {
                return false;
            }
        }
        return true;
    }

    private boolean pointsInside(Path link) {
        try {
            return sandbox.contains(link.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** The entries gathered so far, up to the maximum. */
    private static final class Listing {
        private final int max;
        private final ListValue.Builder entries = ListValue.newBuilder();
        private boolean truncated;

        Listing(int max) {
            this.max = max;
        }

        boolean add(String path, String type, long size) {
            if (entries.getValuesCount() == max) {
                truncated = true;
                return false;
            }
            entries.addValues(Value.newBuilder().setStructValue(Struct.newBuilder()
                    .putFields("path", Value.newBuilder().setStringValue(path).build())
                    .putFields("type", Value.newBuilder().setStringValue(type).build())
                    .putFields("size", Value.newBuilder().setNumberValue(size).build())));
            return true;
        }
    }
}
