package procos.pde.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkSignalTest {

    private final WorkSignal signal = new WorkSignal();

    @Test
    void topicsSignalledBeforeTheWaitAreAllTakenByIt() throws InterruptedException {
        signal.taskAvailable("alpha");
        signal.taskAvailable("beta");

        WorkSignal.Wake wake = signal.await(1, TimeUnit.MINUTES);

        assertThat(wake.topics()).containsExactlyInAnyOrder("alpha", "beta");
        assertThat(wake.anyTopic()).isFalse();
        assertThat(wake.concerns(List.of("beta", "gamma"))).isTrue();
        assertThat(wake.concerns(List.of("gamma"))).isFalse();
        assertThat(signal.poll().topics()).as("taken once").isEmpty();
    }

    @Test
    void aFreedSlotWakesTheWaitWithoutNamingAnyTopic() throws InterruptedException {
        signal.slotFreed();

        WorkSignal.Wake wake = signal.await(1, TimeUnit.MINUTES);

        assertThat(wake.topics()).isEmpty();
        assertThat(wake.concerns(List.of("alpha"))).isFalse();
    }

    @Test
    void aTaskOfUnknownTopicOrATimedOutWaitConcernsEveryLane() throws InterruptedException {
        signal.taskAvailable(null);
        assertThat(signal.await(1, TimeUnit.MINUTES).concerns(List.of("anything"))).isTrue();

        WorkSignal.Wake timedOut = signal.await(10, TimeUnit.MILLISECONDS);

        assertThat(timedOut.anyTopic()).as("a wait that times out stands for a poll").isTrue();
    }

    @Test
    void aTopicGivenByAnExpressionIsNotKnownBeforeRunTime() {
        assertThat(ExternalTaskCreatedListener.staticTopic("das.knowledge.scan")).isEqualTo("das.knowledge.scan");
        assertThat(ExternalTaskCreatedListener.staticTopic("${topicOf(task)}")).isNull();
        assertThat(ExternalTaskCreatedListener.staticTopic("#{topic}")).isNull();
        assertThat(ExternalTaskCreatedListener.staticTopic(null)).isNull();
    }
}
