package procos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapHistogramTest {

    private static final String BEFORE = """
            1116:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:        459742       45027016  [B (java.base@17.0.15)
               2:         15743        1007552  org.h2.mvstore.cache.CacheLongKeyLIRS$Entry
               3:          9234         221616  org.h2.value.ValueTimestamp
            Total       4484719      164693328
            """;

    private static final String AFTER = """
            1116:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:        460936       46199672  [B (java.base@17.0.15)
               2:         34915        2234560  org.h2.mvstore.cache.CacheLongKeyLIRS$Entry
               3:          2662          63888  org.h2.value.ValueTimestamp
               4:            10            480  procos.New
            Total       4512345      168724761
            """;

    @Test
    void theTotalIsTheLiveHeap() {
        assertThat(HeapHistogram.parse(BEFORE).totalBytes()).isEqualTo(164_693_328L);
        assertThat(HeapHistogram.parse(BEFORE).bytesByClass()).containsEntry("[B", 45_027_016L);
        assertThat(HeapHistogram.parse("jcmd: no such process").totalBytes()).isEqualTo(-1);
    }

    @Test
    void listsTheClassesThatGrewMostAndOnlyThose() {
        var growth = HeapHistogram.parse(AFTER).largestGrowthSince(HeapHistogram.parse(BEFORE), 2);

        assertThat(growth).extracting(HeapHistogram.Change::className)
                .containsExactly("org.h2.mvstore.cache.CacheLongKeyLIRS$Entry", "[B");
        assertThat(growth.get(0).delta()).isEqualTo(2_234_560L - 1_007_552L);
        assertThat(HeapHistogram.parse(AFTER).largestGrowthSince(HeapHistogram.parse(BEFORE), 10))
                .extracting(HeapHistogram.Change::className).doesNotContain("org.h2.value.ValueTimestamp").contains("procos.New");
    }
}
