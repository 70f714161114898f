package procos.das.api.instance;

import java.util.Date;

/** The engine's timestamps as the API writes them: ISO-8601 in UTC, null when unset. */
public final class IsoTime {

    private IsoTime() {
    }

    public static String of(Date time) {
        return time == null ? null : time.toInstant().toString();
    }
}
