package procos.das.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import procos.das.api.ask.AskResource;
import procos.das.api.instance.IncidentResource;
import procos.das.api.instance.InstanceResource;
import procos.das.api.kernel.KernelResource;
import procos.das.api.knowledge.KnowledgeResource;
import procos.das.api.logs.LogResource;
import procos.das.api.me.MeResource;
import procos.das.api.pde.PdeResource;
import procos.das.api.process.ProcessDefinitionResource;
import procos.das.api.task.TaskResource;

/**
 * The ProcOS REST API, under {@code /procos/api}. Its resources are listed, not scanned: scanning
 * the web module also found Camunda's REST resources and exception handlers in its libraries, which
 * then answered here too — outside {@code /engine-rest}, where the engine's authorizations are applied.
 * Its OpenAPI document is served at {@code /procos/api/openapi} ({@link OpenApiResource}).
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "ProcOS API", version = "0.1.0",
                description = "The console's API: kernel state, processes, instances, tasks, knowledge, questions and process "
                        + "generation. Every call needs credentials (HTTP Basic or a signed-in browser session); reads "
                        + "need any ProcOS role (viewer, operator, approver, admin), changes operator or admin unless an "
                        + "operation says otherwise. Errors are JSON {status, error, message}. Camunda's own REST API "
                        + "(/procos/engine-rest) is documented by Camunda and not part of this document."),
        servers = @Server(url = "/procos", description = "this server"),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class ProcosApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(KernelResource.class, GenerationResource.class, ProcessVersionResource.class, OpenApiResource.class,
                MeResource.class, AskResource.class, KnowledgeResource.class, ProcessDefinitionResource.class, InstanceResource.class,
                IncidentResource.class, TaskResource.class, PdeResource.class, LogResource.class, ApiErrors.class, ApiJsonb.class);
    }
}
