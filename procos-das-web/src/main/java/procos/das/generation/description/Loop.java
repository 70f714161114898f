package procos.das.generation.description;

import java.util.List;

/**
 * The body runs, then runs again until {@code until} holds, at most {@code maxIterations} times
 * when that is set ("retry up to 3 times"); {@code until} may be {@code null} only when
 * {@code maxIterations} is set.
 *
 * @param question the name of the gateway that decides to go round again ("Correct?")
 */
public record Loop(String question, List<Step> body, Condition until, Integer maxIterations) implements Step {

    public Loop {
        body = body == null ? List.of() : List.copyOf(body);
    }
}
