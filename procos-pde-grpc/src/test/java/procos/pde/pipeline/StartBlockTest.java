package procos.pde.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static procos.pde.pipeline.Fixtures.protoDuration;
import static procos.pde.pipeline.Fixtures.request;
import static procos.pde.pipeline.Fixtures.spec;
import static procos.pde.pipeline.Fixtures.timestamp;

import com.google.protobuf.Timestamp;
import io.grpc.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import procos.pde.v1.Constraints;
import procos.pde.v1.Mode;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskSpec;

class StartBlockTest {

    private final StartBlock start = new StartBlock("pde-start", Duration.ofSeconds(400));

    private TaskContext start(TaskSpec.Builder spec, Deadline callerDeadline) throws InvalidTaskException {
        return start.start(request(spec), callerDeadline);
    }

    private static long secondsLeft(TaskContext context) {
        return context.deadline().timeRemaining(TimeUnit.SECONDS);
    }

    // ---- what makes a request a task ------------------------------------------------------

    @Test
    void requestWithoutSpecIsRefusedNamingSpec() {
        assertThatThrownBy(() -> start.start(TaskRequest.getDefaultInstance(), null))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("spec"));
    }

    @Test
    void specWithoutTaskIdIsRefusedNamingTaskId() {
        assertThatThrownBy(() -> start(TaskSpec.newBuilder().setTaskType("echo"), null))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("spec.task_id"));
    }

    @Test
    void specWithoutTaskTypeIsRefusedNamingTaskType() {
        assertThatThrownBy(() -> start(TaskSpec.newBuilder().setTaskId("t-1"), null))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("spec.task_type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "slash/inside", "semi;colon", "ünïcode", "new\nline"})
    void malformedTaskIdIsRefusedNamingTaskId(String taskId) {
        assertThatThrownBy(() -> start(spec(taskId, "echo"), null))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> {
                    assertThat(e.field()).isEqualTo("spec.task_id");
                    assertThat(e.getMessage()).startsWith("spec.task_id: ");
                });
    }

    @Test
    void taskIdLongerThan128CharactersIsRefused() {
        assertThatThrownBy(() -> start(spec("a".repeat(129), "echo"), null))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("spec.task_id"));
    }

    @Test
    void taskIdOfEveryAllowedCharacterUpTo128IsAccepted() throws InvalidTaskException {
        String uuid = "3f2a9c1e-5b7d-4e2f-9a10-0c6b8d4e7f21";
        assertThat(start(spec(uuid, "echo"), null).taskId()).isEqualTo(uuid);
        assertThat(start(spec("Az09._:-", "echo"), null).taskId()).isEqualTo("Az09._:-");
        assertThat(start(spec("x".repeat(128), "echo"), null).taskId()).hasSize(128);
    }

    @Test
    void unknownModeValueIsRefusedNamingMode() {
        assertThatThrownBy(() -> start(spec("t-1", "echo").setModeValue(42), null))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("spec.mode"));
    }

    @Test
    void idIsCheckedBeforeType() {
        assertThatThrownBy(() -> start(TaskSpec.newBuilder(), null))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("spec.task_id"));
    }

    // ---- mode -----------------------------------------------------------------------------

    @Test
    void unspecifiedModeBecomesDeterministic() throws InvalidTaskException {
        assertThat(start(spec("t-1", "echo"), null).mode()).isEqualTo(Mode.DETERMINISTIC);
    }

    @Test
    void explicitModeIsKept() throws InvalidTaskException {
        assertThat(start(spec("t-1", "echo").setMode(Mode.PROBABILISTIC), null).mode()).isEqualTo(Mode.PROBABILISTIC);
        assertThat(start(spec("t-2", "echo").setMode(Mode.DETERMINISTIC), null).mode()).isEqualTo(Mode.DETERMINISTIC);
    }

    @Test
    void contextCarriesSpecAndPdeId() throws InvalidTaskException {
        TaskSpec.Builder spec = spec("t-1", "invoice.extract").setInputs(Fixtures.struct("a", 1));
        TaskContext context = start(spec, null);
        assertThat(context.spec()).isEqualTo(spec.build());
        assertThat(context.taskId()).isEqualTo("t-1");
        assertThat(context.taskType()).isEqualTo("invoice.extract");
        assertThat(context.pdeId()).isEqualTo("pde-start");
        assertThat(context.elapsedMs()).isGreaterThanOrEqualTo(0);
    }

    // ---- the one deadline -----------------------------------------------------------------
    // Bounds are loose on purpose (tens of seconds of slack); they only tell which source won.

    @Test
    void withoutOtherLimitsTheDefaultTimeoutApplies() throws InvalidTaskException {
        TaskContext context = start(spec("t-1", "echo"), null);
        assertThat(secondsLeft(context)).isBetween(350L, 400L);
    }

    @Test
    void constraintsTimeoutWinsWhenEarliest() throws InvalidTaskException {
        TaskContext context = start(spec("t-1", "echo")
                .setConstraints(Constraints.newBuilder().setTimeout(protoDuration(Duration.ofSeconds(100))))
                .setDeadline(timestamp(Instant.now().plusSeconds(200))), Deadline.after(300, TimeUnit.SECONDS));
        assertThat(secondsLeft(context)).isBetween(50L, 100L);
    }

    @Test
    void specDeadlineWinsWhenEarliest() throws InvalidTaskException {
        TaskContext context = start(spec("t-1", "echo")
                .setConstraints(Constraints.newBuilder().setTimeout(protoDuration(Duration.ofSeconds(200))))
                .setDeadline(timestamp(Instant.now().plusSeconds(100))), Deadline.after(300, TimeUnit.SECONDS));
        assertThat(secondsLeft(context)).isBetween(50L, 100L);
    }

    @Test
    void callerDeadlineWinsWhenEarliest() throws InvalidTaskException {
        TaskContext context = start(spec("t-1", "echo")
                .setConstraints(Constraints.newBuilder().setTimeout(protoDuration(Duration.ofSeconds(200))))
                .setDeadline(timestamp(Instant.now().plusSeconds(300))), Deadline.after(100, TimeUnit.SECONDS));
        assertThat(secondsLeft(context)).isBetween(50L, 100L);
    }

    @Test
    void defaultTimeoutWinsWhenEarliest() throws InvalidTaskException {
        StartBlock shortDefault = new StartBlock("pde-start", Duration.ofSeconds(100));
        TaskContext context = shortDefault.start(request(spec("t-1", "echo")
                .setConstraints(Constraints.newBuilder().setTimeout(protoDuration(Duration.ofSeconds(200))))
                .setDeadline(timestamp(Instant.now().plusSeconds(300)))), Deadline.after(400, TimeUnit.SECONDS));
        assertThat(secondsLeft(context)).isBetween(50L, 100L);
    }

    @Test
    void subSecondConstraintsTimeoutIsHonoured() throws InvalidTaskException {
        TaskContext context = start(spec("t-1", "echo")
                .setConstraints(Constraints.newBuilder().setTimeout(com.google.protobuf.Duration.newBuilder().setNanos(500_000_000))), null);
        assertThat(context.deadline().timeRemaining(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(500L);
    }

    @Test
    void constraintsWithoutTimeoutLeaveTheDefault() throws InvalidTaskException {
        TaskContext context = start(spec("t-1", "echo").setConstraints(Constraints.newBuilder().setMaxAttempts(2)), null);
        assertThat(secondsLeft(context)).isBetween(350L, 400L);
    }

    @Test
    void specDeadlineAlreadyPassedGivesAnExpiredDeadline() throws InvalidTaskException {
        TaskContext context = start(spec("t-1", "echo").setDeadline(timestamp(Instant.now().minusSeconds(5))), null);
        assertThat(context.deadline().isExpired()).isTrue();
    }

    @Test
    void callerDeadlineAlreadyPassedGivesAnExpiredDeadline() throws InvalidTaskException {
        TaskContext context = start(spec("t-1", "echo"), Deadline.after(-1, TimeUnit.SECONDS));
        assertThat(context.deadline().isExpired()).isTrue();
    }

    @Test
    void farFutureSpecDeadlineLeavesTheDefaultTimeoutInForce() throws InvalidTaskException {
        // 9999-12-31T23:59:59Z, the largest Timestamp: more nanoseconds away than a long holds.
        TaskContext context = start(spec("t-1", "echo")
                .setDeadline(Timestamp.newBuilder().setSeconds(253_402_300_799L)), null);
        assertThat(context.deadline().isExpired()).isFalse();
        assertThat(secondsLeft(context)).isBetween(350L, 400L);
    }

    @Test
    void hugeConstraintsTimeoutLeavesTheDefaultTimeoutInForce() throws InvalidTaskException {
        // About 317 years, well within what a protobuf Duration allows: in nanoseconds it overflows a
        // long and, multiplied out naively, wraps to a negative timeout that would expire at once.
        TaskContext context = start(spec("t-1", "echo").setConstraints(Constraints.newBuilder()
                .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(10_000_000_000L))), null);
        assertThat(context.deadline().isExpired()).isFalse();
        assertThat(secondsLeft(context)).isBetween(350L, 400L);
    }
}
