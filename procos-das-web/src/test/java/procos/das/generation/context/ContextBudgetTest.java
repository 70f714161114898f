package procos.das.generation.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import procos.das.generation.context.GenerationContext.Knowledge;
import procos.das.generation.context.GenerationContext.Pattern;
import procos.das.generation.context.GenerationContext.SimilarProcess;

/** Fitting a context into a character budget. */
class ContextBudgetTest {

    private static final GenerationContext CONTEXT = new GenerationContext(
            List.of(new Pattern("P1", "use", "x".repeat(95)), new Pattern("P2", "use", "x".repeat(395))),
            List.of(new SimilarProcess("k", "n", "i".repeat(98), 0.9)),
            List.of(new Knowledge("s", "t".repeat(99), 0.7)));

    @Test
    void itemsAreKeptWholeInOrderOfUseAndThoseThatDoNotFitAreDropped() {
        GenerationContext fitted = ContextBudget.fit(CONTEXT, 300);

        assertThat(fitted.patterns()).extracting(Pattern::name).containsExactly("P1");
        assertThat(fitted.similarProcesses()).hasSize(1);
        assertThat(fitted.knowledge()).hasSize(1);
        assertThat(ContextBudget.size(fitted)).isEqualTo(300);
    }

    @Test
    void aContextWithinTheBudgetIsKeptAsItIs() {
        assertThat(ContextBudget.fit(CONTEXT, 1_000)).isEqualTo(CONTEXT);
        assertThat(ContextBudget.fit(CONTEXT, 0)).isEqualTo(GenerationContext.EMPTY);
    }
}
