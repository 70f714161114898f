package procos.das.vector.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    @Test
    void aDocumentInBothRankingsBeatsOneAtTheTopOfOnlyOne() {
        Map<String, Double> fused = ReciprocalRankFusion.fuse(List.of(List.of("a", "b"), List.of("b", "c")));

        assertThat(fused.get("a")).isCloseTo(1.0 / 61, within(1e-12));
        assertThat(fused.get("b")).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-12));
        assertThat(fused.get("c")).isCloseTo(1.0 / 62, within(1e-12));
        assertThat(fused.get("b")).isGreaterThan(fused.get("a"));
    }
}
