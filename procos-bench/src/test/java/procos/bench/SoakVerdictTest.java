package procos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void steadyResourcesAreFlat() {
        List<SoakVerdict.Row> rows = SoakVerdict.judge(run(t -> 200 * MIB + (t % 3) * MIB, t -> 150, t -> 400), 30);

        assertThat(rows).filteredOn(SoakVerdict.Row::measured).allMatch(SoakVerdict.Row::flat);
        assertThat(SoakVerdict.allFlat(rows)).isTrue();
        assertThat(row(rows, SoakVerdict.HEAP).firstHalf()).isEqualTo(201.0);
    }

    @Test
    void threadsThatGrowEverySampleAreNotFlat() {
        List<SoakVerdict.Row> rows = SoakVerdict.judge(run(t -> 200 * MIB, t -> 150 + t / 10, t -> 400), 30);

        SoakVerdict.Row threads = row(rows, SoakVerdict.JVM_THREADS);
        assertThat(threads.flat()).isFalse();
        assertThat(threads.changeFromSecond()).isPositive();
        assertThat(threads.status()).contains("grew");
        assertThat(SoakVerdict.allFlat(rows)).isFalse();
        assertThat(SoakVerdict.grown(rows)).contains(SoakVerdict.JVM_THREADS.name(), SoakVerdict.OS_THREADS.name());
    }

    @Test
    void threadsAddedForABurstAtTheStartOfAHalfAndRetiredLaterFellButDidNotGrow() {
        // Half 2 begins with 80 threads for its first minute, then settles at 70 like half 1.
        List<SoakVerdict.Row> rows = SoakVerdict.judge(run(t -> 200 * MIB, t -> t > 130 && t < 190 ? 80 : 70, t -> 400), 30);

        SoakVerdict.Row threads = row(rows, SoakVerdict.JVM_THREADS);
        assertThat(threads.flat()).isFalse();
        assertThat(threads.grew()).isFalse();
        assertThat(threads.status()).isEqualTo("fell");
        assertThat(SoakVerdict.grown(rows)).isEmpty();
    }

    @Test
    void oneOutlierDoesNotDecideBecauseMediansAreCompared() {
        List<SoakVerdict.Row> rows = SoakVerdict.judge(run(t -> t == 230 ? 900 * MIB : 200 * MIB, t -> 150, t -> 400), 30);

        assertThat(row(rows, SoakVerdict.HEAP).flat()).isTrue();
    }

    @Test
    void aSlowDriftWithinTheToleranceStillShowsAsATrend() {
        // 1 MiB more per minute: within 10 % of 200 MiB over the run, 1 MiB/min as the trend.
        List<SoakSample> samples = run(t -> 200 * MIB + t * MIB / 60, t -> 150, t -> 400);
        SoakVerdict.Row heap = row(SoakVerdict.judge(samples, 30), SoakVerdict.HEAP);

        assertThat(heap.flat()).isTrue();
        assertThat(heap.trendPerMinute()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(row(SoakVerdict.judge(samples, 30), SoakVerdict.OPEN_FILES).trendPerMinute()).isZero();
    }

    @Test
    void theToleranceIsTheLargerOfItsShareAndItsFloor() {
        assertThat(SoakVerdict.OPEN_FILES.tolerance(400)).isEqualTo(20.0);
        assertThat(SoakVerdict.OPEN_FILES.tolerance(40)).isEqualTo(5.0);
    }

    @Test
    void unmeasuredResourcesAreReportedAsSuchAndDoNotCount() {
        List<SoakVerdict.Row> rows = SoakVerdict.judge(run(t -> 200 * MIB, t -> 150, t -> 400), 30);

        assertThat(row(rows, SoakVerdict.DB_SESSIONS).measured()).isFalse();
        assertThat(SoakVerdict.allFlat(rows)).isTrue();
    }

    @Test
    void samplesBeforeTheWarmupAndIdleSamplesAreNotBaselines() {
        List<SoakSample> samples = new ArrayList<>(run(t -> 200 * MIB, t -> 150, t -> 400));
        samples.add(0, sample("booted", 1, 0, false, 50 * MIB, 90, 300));
        samples.add(1, sample("load", 1, 10, true, 500 * MIB, 90, 300));

        assertThat(row(SoakVerdict.judge(samples, 30), SoakVerdict.HEAP).firstHalf()).isEqualTo(200.0);
    }

    /** Two halves of 120 s sampled every 10 s under load; the functions take the seconds since the run began. */
    private static List<SoakSample> run(LongUnaryOperator heap, LongUnaryOperator threads, LongUnaryOperator files) {
        List<SoakSample> samples = new ArrayList<>();
        for (int half = 1; half <= 2; half++) {
            for (int into = 10; into <= 120; into += 10) {
                long t = (half - 1) * 130L + into;
                samples.add(sample("load", half, into, true, heap.applyAsLong(t), threads.applyAsLong(t), files.applyAsLong(t)));
            }
        }
        return samples;
    }

    private static SoakSample sample(String label, int half, double into, boolean load, long heap, long threads, long files) {
        return new SoakSample(label, half, (half - 1) * 130 + into, into, load, 0, 0, 0, heap, heap + 30 * MIB, threads, threads + 20, files,
                2, 6, -1, -1, 600 * MIB);
    }

    private static SoakVerdict.Row row(List<SoakVerdict.Row> rows, SoakVerdict.Metric metric) {
        return rows.stream().filter(row -> row.metric() == metric).findFirst().orElseThrow();
    }
}
