package procos.kernel.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import procos.kernel.deploy.guard.GuardPolicy;
import procos.pde.dispatch.DispatchSettings;

/**
 * The kernel's validated settings. Only {@link SettingsValidator} builds one, so holding an
 * instance means every value has been checked.
 *
 * @param databaseUrl       JDBC URL of the engine database
 * @param databaseKind      which database the URL points at
 * @param databaseUser      JDBC user
 * @param databasePassword  JDBC password (never logged)
 * @param history           Camunda history level: none, activity, audit or full
 * @param jobExecutorThreads threads the engine's job executor may use
 * @param monitorInterval   how often the monitor looks at the engine
 * @param rootIdleInterval  how long the root orchestrator idles between heartbeats
 * @param shutdownTimeout   how long in-flight jobs may run on shutdown before they are interrupted
 * @param grpc              the PDE gRPC server: port, token, TLS
 * @param extraProcessesDir optional folder of additional BPMN files deployed beside the built-in set
 * @param knowledgeDir      optional knowledge folder the root orchestrator preloads into the DAS on every boot
 * @param pdeConfig         PDE manager YAML (pools, endpoints, routing); the built-in default when empty
 * @param dispatch          how this node works the engine's external tasks
 * @param security          credentials given for the first boot instead of generated ones
 * @param deploymentGuard   what models may use beyond the default (beans, classes, script languages, functions)
 */
public record KernelSettings(
        String databaseUrl,
        DatabaseKind databaseKind,
        String databaseUser,
        String databasePassword,
        String history,
        int jobExecutorThreads,
        Duration monitorInterval,
        Duration rootIdleInterval,
        Duration shutdownTimeout,
        GrpcSettings grpc,
        Optional<Path> extraProcessesDir,
        Optional<Path> knowledgeDir,
        Optional<Path> pdeConfig,
        DispatchSettings dispatch,
        SecuritySettings security,
        GuardPolicy deploymentGuard) {

    @Override
    public String toString() {
        return "KernelSettings[databaseUrl=" + databaseUrl + ", databaseKind=" + databaseKind
                + ", databaseUser=" + databaseUser + ", history=" + history
                + ", jobExecutorThreads=" + jobExecutorThreads + ", monitorInterval=" + monitorInterval
                + ", rootIdleInterval=" + rootIdleInterval + ", shutdownTimeout=" + shutdownTimeout
                + ", grpc=" + grpc + ", extraProcessesDir=" + extraProcessesDir + ", knowledgeDir=" + knowledgeDir + ", pdeConfig=" + pdeConfig + ", dispatch=" + dispatch
                + ", security=" + security + ", deploymentGuard=" + deploymentGuard + "]";
    }
}
