package procos.das.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a long list: the items, how many there are in all, and where this page starts. Every
 * list resource of the API answers with this shape, so a client pages every list the same way.
 *
 * @param items  this page's items, at most {@code limit}
 * @param total  how many items match in all
 * @param offset the index of the first item of this page
 * @param limit  the page size that was asked for
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, offset, limit);
    }
}
