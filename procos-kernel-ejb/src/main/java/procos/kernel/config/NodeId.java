package procos.kernel.config;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import procos.logging.StructuredLogger;

/**
 * This server's node id when {@code procos.node.id} is not set: generated at the first boot, kept in
 * {@code node.id} in the server's working directory (its output directory, beside the database), and
 * read back on every later boot. The id is the worker id that owns the server's external-task locks,
 * so a stable one lets a restarted server recognise — and release at once — the locks its previous
 * run left behind. Two servers sharing an output directory would share the id, as they would share
 * the database file; two servers with their own directories on one host get different ids.
 */
public final class NodeId {

    /** Relative to the working directory, which Liberty sets to the server's output directory. */
    public static final Path DEFAULT_FILE = Path.of("node.id");
    private static final StructuredLogger LOG = StructuredLogger.forComponent("kernel");

    private NodeId() {
    }

    /** The id kept in {@code file}, generated and written there first if there is none. */
    public static String readOrCreate(Path file) throws IOException {
        OwnerOnlyFile.Value id = OwnerOnlyFile.readOrCreate(file, NodeId::generate);
        if (id.generated()) {
            LOG.info("node_id_generated").with("node_id", id.text()).with("file", file.toAbsolutePath().toString()).log();
        }
        return id.text();
    }

    /** The host name (or {@code procos}) and 8 random hex digits: readable in logs, unique per server. */
    static String generate() {
        String host = System.getenv("HOSTNAME");
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return (host != null && !host.isBlank() ? host.strip() : "procos") + "-" + HexFormat.of().formatHex(random);
    }
}
