package procos.kernel.deploy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import procos.kernel.deploy.ProcessResources;

/** The BPMN set that ships with ProcOS passes the guard it ships with, on default settings. */
class ShippedProcessesPassTheGuardTest {

    @Test
    void everyShippedProcessPassesWithDefaultSettings() {
        Map<String, byte[]> shipped = ProcessResources.fromClasspath(getClass().getClassLoader());
        DeploymentGuard guard = new DeploymentGuard(GuardPolicy.defaults());

        assertThat(shipped).as("the processes folder of procos-processes").containsKey("root_peo.bpmn").hasSizeGreaterThanOrEqualTo(5);
        shipped.forEach((name, bytes) -> assertThat(guard.inspect(name, bytes)).as(name).isEmpty());
    }
}
