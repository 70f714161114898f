package procos.das.api;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;

/**
 * Camunda's own REST API, served at {@code /procos/engine-rest} on the kernel's engine, so the
 * tools and clients Camunda users already have (Modeler deployments, external task clients in any
 * language, scripts) work against ProcOS unchanged.
 */
@ApplicationPath("/engine-rest")
public class EngineRestApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(CamundaRestResources.getResourceClasses());
        classes.addAll(CamundaRestResources.getConfigurationClasses());
        classes.add(JacksonJsonProvider.class);
        return classes;
    }
}
