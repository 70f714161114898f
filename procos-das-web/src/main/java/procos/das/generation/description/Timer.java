package procos.das.generation.description;

/**
 * A point or period in time, in ISO 8601 as Camunda's timer events take it: a duration
 * ({@code PT4H}), a cycle ({@code R/PT1H}, or a cron expression such as {@code 0 0 6 ? * MON}) or a
 * date-time.
 */
public record Timer(Kind kind, String value) {

    public enum Kind { DURATION, CYCLE, DATE }

    public static Timer duration(String iso) {
        return new Timer(Kind.DURATION, iso);
    }

    public static Timer cycle(String expression) {
        return new Timer(Kind.CYCLE, expression);
    }
}
