package procos.kernel.engine;

/**
 * What the engine tells the rest of the kernel while it runs. Implemented by the kernel's metrics,
 * kept as an interface so the engine wiring stays testable without a metrics runtime.
 */
public interface EngineEvents {

    void processStarted(String processDefinitionKey);

    void incidentRaised(String incidentType);

    /** For engines built where nobody listens (tests, tools). */
    EngineEvents NONE = new EngineEvents() {
        @Override
        public void processStarted(String processDefinitionKey) {
        }

        @Override
        public void incidentRaised(String incidentType) {
        }
    };
}
