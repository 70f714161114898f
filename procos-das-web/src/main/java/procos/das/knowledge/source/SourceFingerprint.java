package procos.das.knowledge.source;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A source's SHA-256 and size, computed in one streaming pass: the manifest compares it to decide
 * whether a source changed, before anything is parsed or embedded.
 *
 * @param sha256 lowercase hex
 * @param bytes  the size
 */
public record SourceFingerprint(String sha256, long bytes) {

    private static final int BUFFER = 64 * 1024;

    /**
     * @throws SourceException {@link SourceProblem#TOO_LARGE} as soon as more than {@code maxBytes}
     *                         are read (so a huge file is not read to its end just to be refused)
     */
    public static SourceFingerprint of(Source source, long maxBytes) throws SourceException {
        MessageDigest digest = newDigest();
        long total = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = source.open()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new SourceException(SourceProblem.TOO_LARGE,
                            "larger than the maximum source size of " + maxBytes + " bytes");
                }
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw SourceErrors.io("read", e);
        }
        return new SourceFingerprint(HexFormat.of().formatHex(digest.digest()), total);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
