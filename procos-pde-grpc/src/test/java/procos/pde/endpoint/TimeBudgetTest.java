package procos.pde.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Deadline;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {

    private static final Duration CONFIGURED = Duration.ofSeconds(10);

    @Test
    void theConfiguredTimeoutAppliesWhenNothingIsShorter() {
        assertThat(TimeBudget.effective(CONFIGURED, OptionalLong.empty(), null)).isEqualTo(CONFIGURED);
        assertThat(TimeBudget.effective(CONFIGURED, OptionalLong.of(60_000), Deadline.after(1, TimeUnit.HOURS)))
                .isEqualTo(CONFIGURED);
    }

    @Test
    void theTasksTimeoutShortensIt() {
        assertThat(TimeBudget.effective(CONFIGURED, OptionalLong.of(250), null)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theDeadlineShortensItAndMayLeaveNothing() {
        assertThat(TimeBudget.effective(CONFIGURED, OptionalLong.of(5_000), Deadline.after(2, TimeUnit.SECONDS)))
                .isLessThanOrEqualTo(Duration.ofSeconds(2)).isGreaterThan(Duration.ofSeconds(1));
        assertThat(TimeBudget.effective(CONFIGURED, OptionalLong.empty(), Deadline.after(-1, TimeUnit.SECONDS)))
                .isNegative();
    }
}
