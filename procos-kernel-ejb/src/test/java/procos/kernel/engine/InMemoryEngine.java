package procos.kernel.engine;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import procos.kernel.config.InvalidSettingsException;
import procos.kernel.config.SettingsValidator;
import procos.pde.dispatch.WorkSignal;

/** Tests' engine: built by the kernel's own bootstrap on a fresh in-memory H2 database. */
public final class InMemoryEngine {

    private InMemoryEngine() {
    }

    /** Starts an engine on a new database whose name begins with {@code name}; close it when done. */
    public static RunningEngine start(String name) throws InvalidSettingsException {
        String url = "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        return EngineBootstrap.start(new StandaloneInMemProcessEngineConfiguration(),
                SettingsValidator.validate(key -> key.equals(SettingsValidator.DB_URL) ? Optional.of(url)
                        : key.equals(SettingsValidator.NODE_ID) ? Optional.of(name) : Optional.empty(), Path.of("node.id")),
                EngineEvents.NONE, new WorkSignal());
    }
}
