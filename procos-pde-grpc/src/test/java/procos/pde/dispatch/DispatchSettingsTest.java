package procos.pde.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatchSettingsTest {

    private static DispatchSettings withPrefetch(int prefetch) {
        return new DispatchSettings("worker", 10, Duration.ofSeconds(30), Duration.ofSeconds(10), 2,
                Duration.ZERO, Duration.ofSeconds(5), prefetch);
    }

    @Test
    void aNegativePrefetchIsRefused() {
        assertThatThrownBy(() -> withPrefetch(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefetch");
    }

    @Test
    void withoutAPrefetchTheDefaultApplies() {
        DispatchSettings settings = new DispatchSettings("worker", 10, Duration.ofSeconds(30), Duration.ofSeconds(10), 2,
                Duration.ZERO, Duration.ofSeconds(5));

        assertThat(settings.prefetch()).isEqualTo(DispatchSettings.DEFAULT_PREFETCH);
        assertThat(withPrefetch(0).prefetch()).isZero();
    }
}
