package procos.das.api;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.util.List;

/**
 * The {@code offset} and {@code limit} query parameters of a list resource, checked: a negative
 * offset, a limit below 1 or above {@value #MAX_LIMIT} is refused with the parameter named. Use it as
 * a {@code @BeanParam}.
 */
public class Paging {

    public static final int MAX_LIMIT = 200;

    @QueryParam("offset")
    @DefaultValue("0")
    String offset;

    @QueryParam("limit")
    @DefaultValue("50")
    String limit;

    public Paging() {
    }

    public Paging(int offset, int limit) {
        this.offset = String.valueOf(offset);
        this.limit = String.valueOf(limit);
    }

    public int offset() {
        return number("offset", offset, 0, Integer.MAX_VALUE);
    }

    public int limit() {
        return number("limit", limit, 1, MAX_LIMIT);
    }

    /** This page of a list that is already in memory. */
    public <T> Page<T> of(List<T> all) {
        int from = Math.min(offset(), all.size());
        int to = Math.min(all.size(), from + limit());
        return new Page<>(List.copyOf(all.subList(from, to)), all.size(), offset(), limit());
    }

    /** A page whose items a query already cut to this page, with the query's total count. */
    public <T> Page<T> of(List<T> pageItems, long total) {
        return new Page<>(List.copyOf(pageItems), total, offset(), limit());
    }

    private static int number(String name, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // refused below, with the parameter named
        }
        throw ApiProblem.badRequest(name + ": must be a whole number from " + min + " to " + max + ", got '" + text + "'");
    }
}
