package procos.kernel.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The kernel's settings as a CDI bean, read from MicroProfile Config and validated once. Beans that
 * BPMN expressions call (which may run while the kernel singleton is still booting) read settings
 * here rather than from the kernel.
 */
@ApplicationScoped
public class KernelConfiguration {

    private volatile KernelSettings settings;

    /**
     * The validated settings.
     *
     * @throws InvalidSettingsException listing every problem, when any setting is unusable
     */
    public KernelSettings settings() throws InvalidSettingsException {
        KernelSettings current = settings;
        if (current == null) {
            current = SettingsValidator.validate(KernelConfiguration::configValue, NodeId.DEFAULT_FILE);
            settings = current;
        }
        return current;
    }

    private static Optional<String> configValue(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class);
    }
}
