package procos.kernel.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import procos.kernel.config.OwnerOnlyFile;
import procos.kernel.config.SecuritySettings;
import procos.logging.StructuredLogger;

/**
 * The read-only credential for {@code /metrics}, which Liberty serves itself and so checks against the
 * server's own user registry rather than the engine's users: a {@code metrics} user added to the
 * server's {@code procos} registry by a file that {@code server.xml} includes (Liberty applies it as soon as it appears). The password is
 * {@code procos.metrics.password} when set, otherwise generated once and kept in {@link #PASSWORD_FILE}
 * (owner-only), ready for a Prometheus {@code password_file}. The registry file is brought up to date on every
 * boot, so changing the setting or the password file and restarting rotates the credential.
 */
public final class MetricsCredentials {

    public static final String USER = "metrics";
    public static final Path PASSWORD_FILE = Path.of("metrics.password");
    /** Included by server.xml from the server's output directory. */
    public static final Path REGISTRY_FILE = Path.of("metrics-registry.xml");
    private static final StructuredLogger LOG = StructuredLogger.forComponent("security");

    private MetricsCredentials() {
    }

    /** Writes the registry file for the configured or kept password, generating one on first boot. */
    public static void ensure(SecuritySettings settings, Path directory) throws IOException {
        Path passwordFile = directory.resolve(PASSWORD_FILE);
        String password;
        if (settings.metricsPassword().isPresent()) {
            password = settings.metricsPassword().get();
        } else {
            OwnerOnlyFile.Value kept = OwnerOnlyFile.readOrCreate(passwordFile, () -> OwnerOnlyFile.randomSecret(18));
            password = kept.text();
            if (kept.generated()) {
                LOG.info("metrics_credential_created").with("user", USER).with("password_file", passwordFile.toAbsolutePath().toString()).log();
            }
        }
        Path registry = directory.resolve(REGISTRY_FILE);
        String xml = registryXml(password);
        // Liberty reloads its configuration whenever the file changes: leave an unchanged one alone.
        if (!Files.isRegularFile(registry) || !Files.readString(registry).equals(xml)) {
            OwnerOnlyFile.write(registry, xml);
        }
    }

    static String registryXml(String password) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by ProcOS at every boot; edit metrics.password or set PROCOS_METRICS_PASSWORD instead. -->
                <server>
                  <basicRegistry id="procos" realm="ProcOS">
                    <user name="%s" password="%s"/>
                  </basicRegistry>
                  <reader-role>
                    <user>%s</user>
                  </reader-role>
                </server>
                """.formatted(USER, xmlAttribute(password), USER);
    }

    private static String xmlAttribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
