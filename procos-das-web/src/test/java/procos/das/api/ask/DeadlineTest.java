package procos.das.api.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.das.api.ApiProblem;

class DeadlineTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void workThatFinishesInTimeGivesItsResult() {
        assertThat(Deadline.call(executor, Duration.ofSeconds(30), () -> "answer")).isEqualTo("answer");
    }

    @Test
    void workPastTheDeadlineIsAnswered504AndInterrupted() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);

        assertThatThrownBy(() -> Deadline.call(executor, Duration.ofMillis(50), () -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "late";
        })).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(504);
            assertThat(problem.getMessage()).contains("50 ms");
        });
        assertThat(interrupted.await(30, TimeUnit.SECONDS)).as("the late work was cancelled").isTrue();
    }

    @Test
    void aFailureOfTheWorkIsThrownAsItWas() {
        assertThatThrownBy(() -> Deadline.call(executor, Duration.ofSeconds(30), () -> {
            throw ApiProblem.unprocessable("question: bad");
        })).isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(422));
    }

    @Test
    void questionsAreCheckedFieldByField() {
        assertThat(AskRequest.from(Map.of("question", "Who built it?")).question().k()).isEqualTo(5);
        assertThat(AskRequest.from(Map.of("question", "Who?", "top_k", 3, "timeout_ms", 1000)).timeout()).isEqualTo(Duration.ofSeconds(1));
        assertProblem(Map.of("question", ""), 422, "question:");
        assertProblem(Map.of("question", "?!"), 422, "question:");
        assertProblem(Map.of("question", "x".repeat(4_001)), 422, "question:");
        assertProblem(Map.of("question", "Who?", "topk", 3), 422, "topk: unknown field");
        assertProblem(Map.of("question", "Who?", "top_k", 0), 422, "top_k:");
        assertProblem(Map.of("question", "Who?", "timeout_ms", 10), 422, "timeout_ms:");
    }

    private static void assertProblem(Map<String, Object> body, int status, String start) {
        assertThatThrownBy(() -> AskRequest.from(body)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(status);
            assertThat(problem.getMessage()).startsWith(start);
        });
    }
}
