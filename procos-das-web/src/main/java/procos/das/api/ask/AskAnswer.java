package procos.das.api.ask;

import java.util.List;

/**
 * An answer with the passages it rests on.
 *
 * @param method    {@code grounded} (a language model wrote it), {@code extractive} (the best sentences
 *                  of the passages) or {@code not_found} (nothing relevant; no sources)
 * @param elapsedMs how long answering took
 */
public record AskAnswer(String question, String answer, String method, List<AskSource> sources, long elapsedMs) {
}
