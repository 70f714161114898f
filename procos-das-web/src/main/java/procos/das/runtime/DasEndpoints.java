package procos.das.runtime;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import procos.das.endpoint.GenerationEndpoint;
import procos.das.endpoint.KnowledgeEndpoint;
import procos.das.endpoint.RagEndpoint;
import procos.kernel.Kernel;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointRegistry;

/**
 * Registers the DAS endpoints with the kernel's PDEs when the web application starts, and removes
 * them when it stops. Until they are registered, tasks of the DAS processes simply wait in the
 * engine: the dispatcher only fetches task types some endpoint can run.
 */
@ApplicationScoped
public class DasEndpoints {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das");

    @Inject
    Kernel kernel;

    @Inject
    KnowledgeBase knowledge;

    @Inject
    ProcessGeneration generation;

    private volatile EndpointRegistry registeredWith;
    private volatile List<Endpoint> registered = List.of();

    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        kernel.pdes().ifPresentOrElse(pdes -> {
            List<Endpoint> endpoints = List.of(
                    new KnowledgeEndpoint(knowledge::ingestor, knowledge.plans()),
                    new RagEndpoint(knowledge::rag, knowledge.retrievals()),
                    new GenerationEndpoint(generation::steps, generation::approvals));
            endpoints.forEach(pdes.endpoints()::register);
            registeredWith = pdes.endpoints();
            registered = endpoints;
            LOG.info("das_endpoints_registered").with("endpoints", endpoints.stream().map(Endpoint::id).toList()).log();
        }, () -> LOG.warn("das_endpoints_not_registered").with("reason", "the kernel's PDEs are not running").log());
    }

    @PreDestroy
    void unregister() {
        EndpointRegistry registry = registeredWith;
        if (registry != null) {
            registered.forEach(endpoint -> registry.unregister(endpoint.id()));
        }
    }
}
