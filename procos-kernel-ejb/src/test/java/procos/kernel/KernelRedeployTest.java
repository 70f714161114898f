package procos.kernel;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KernelRedeployTest {

    @Test
    void redeployIsRefusedWhileTheKernelHasNotBooted() {
        Kernel kernel = new Kernel();

        assertThatThrownBy(kernel::redeployProcesses).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running").hasMessageContaining("phase " + kernel.status().phase().name());
    }
}
