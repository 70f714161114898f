package procos.kernel.engine;

import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import procos.logging.StructuredLogger;

/**
 * Makes the CDI-built engine known to Camunda's platform services ({@code BpmPlatform}), where
 * Camunda's Cockpit, Tasklist and Admin look engines up by name; they reach it as {@code default}.
 */
final class BpmPlatformRegistration {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("kernel");

    private BpmPlatformRegistration() {
    }

    /**
     * Registers the engine. A failure costs only Camunda's webapps (they then find no engine), so it
     * is logged and the kernel goes on: its own engine, APIs and PDEs do not depend on it.
     */
    static void register(ProcessEngine engine) {
        try {
            RuntimeContainerDelegate.INSTANCE.get().registerProcessEngine(engine);
        } catch (RuntimeException e) {
            LOG.warn("engine_platform_registration_failed").with("engine", engine.getName()).with("reason", String.valueOf(e.getMessage())).log();
        }
    }

    /** Removes the engine if it is the one registered under its name (engines built in tests never are). */
    static void unregister(ProcessEngine engine) {
        try {
            RuntimeContainerDelegate container = RuntimeContainerDelegate.INSTANCE.get();
            if (container.getProcessEngineService().getProcessEngine(engine.getName()) == engine) {
                container.unregisterProcessEngine(engine);
            }
        } catch (RuntimeException e) {
            LOG.warn("engine_platform_unregistration_failed").with("engine", engine.getName()).with("reason", String.valueOf(e.getMessage())).log();
        }
    }
}
