package procos.das.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import procos.das.api.ask.AskResource;
import procos.das.api.kernel.KernelResource;
import procos.das.api.knowledge.KnowledgeResource;
import procos.das.api.me.MeResource;

/**
 * The ProcOS REST API, under {@code /procos/api}. Its resources are listed, not scanned: scanning
 * the web module also found Camunda's REST resources and exception handlers in its libraries, which
 * then answered here too — outside {@code /engine-rest}, where the engine's authorizations are applied.
 */
@ApplicationPath("/api")
public class ProcosApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(KernelResource.class, GenerationResource.class, ProcessVersionResource.class, ApiErrors.class, ApiJsonb.class,
                MeResource.class, AskResource.class, KnowledgeResource.class);
    }
}
