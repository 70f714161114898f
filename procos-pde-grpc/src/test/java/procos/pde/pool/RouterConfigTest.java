package procos.pde.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code router} section: defaults when absent, every setting read, every bad value named. */
class RouterConfigTest {

    @RegisterExtension
    final CapturedPoolLog log = new CapturedPoolLog();

    @Test
    void withoutARouterSectionRoutingLearnsWithTheDefaults() throws Exception {
        assertThat(PoolYaml.load(PoolYaml.MINIMAL).router()).isEqualTo(RouterConfig.DEFAULT);
        assertThat(RouterConfig.DEFAULT.policy()).isEqualTo(RouterConfig.Policy.LEARNED);
    }

    @Test
    void everySettingIsRead() throws Exception {
        RouterConfig router = PoolYaml.load(PoolYaml.MINIMAL + """
                  router:
                    policy: static
                    health_interval: PT2S
                    state_file: ${STATE_DIR}/routing-scores.json
                    save_interval: PT30S
                    half_life: PT5M
                    latency_weight: "0.25"
                    circuit:
                      consecutive_failures: 3
                      failure_rate: 0.4
                      window: 10
                      cool_down: PT1M
                """, Map.of("STATE_DIR", "/var/lib/procos")).router();

        assertThat(router).isEqualTo(new RouterConfig(RouterConfig.Policy.STATIC, Duration.ofSeconds(2),
                Optional.of(Path.of("/var/lib/procos/routing-scores.json")), Duration.ofSeconds(30),
                Duration.ofMinutes(5), 0.25, new RouterConfig.CircuitConfig(3, 0.4, 10, Duration.ofMinutes(1))));
    }

    @Test
    void settingsLeftOutKeepTheirDefaults() throws Exception {
        RouterConfig router = PoolYaml.load(PoolYaml.MINIMAL + """
                  router:
                    circuit:
                      window: 50
                """).router();
        assertThat(router.policy()).isEqualTo(RouterConfig.Policy.LEARNED);
        assertThat(router.healthInterval()).isEqualTo(RouterConfig.DEFAULT.healthInterval());
        assertThat(router.circuit()).isEqualTo(new RouterConfig.CircuitConfig(5, 0.5, 50, Duration.ofSeconds(30)));
    }

    @Test
    void everyBadValueIsNamedByItsPath() {
        assertThat(PoolYaml.problems(PoolYaml.MINIMAL + """
                  router:
                    policy: clever
                    health_interval: PT0S
                    half_life: soon
                    latency_weight: -1
                    circuit:
                      consecutive_failures: 0
                      failure_rate: 1.5
                      window: many
                      cool_down: -PT1S
                      timeout: PT1S
                """)).containsExactly(
                "pde_manager.router.policy: unknown routing policy 'clever' (expected learned or static)",
                "pde_manager.router.health_interval: must be longer than zero, got PT0S",
                "pde_manager.router.half_life: must be an ISO-8601 duration such as PT30S or PT2M, got 'soon'",
                "pde_manager.router.latency_weight: must be ≥ 0, got -1.0",
                "pde_manager.router.circuit.timeout: unknown key (allowed here: consecutive_failures, failure_rate, window, cool_down)",
                "pde_manager.router.circuit.consecutive_failures: must be ≥ 1, got 0",
                "pde_manager.router.circuit.failure_rate: must be more than 0 and at most 1, got 1.5",
                "pde_manager.router.circuit.window: must be a whole number, got 'many'",
                "pde_manager.router.circuit.cool_down: must be longer than zero, got PT-1S");
    }
}
