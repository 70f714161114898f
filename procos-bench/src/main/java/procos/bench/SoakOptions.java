package procos.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Command-line options of {@link SoakBenchmark}. The defaults are the documented run: four minutes
 * on the embedded H2 database, 25 starts per second from 8 threads, a sample every 10 s.
 *
 * @param database the engine database; empty for the embedded H2 file in the server's output directory
 */
record SoakOptions(
        Duration duration,
        double rate,
        int threads,
        Duration sampleEvery,
        Duration warmup,
        Duration drainTimeout,
        Optional<Database> database,
        boolean keepDatabase,
        List<String> rawArgs,
        Path benchDir,
        Path wlpHome) {

    /** The PostgreSQL {@code --postgres} names: the local server the test suite also uses. */
    static final String LOCAL_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    static final String USAGE = """
            SoakBenchmark: sustained load on the packaged ProcOS server with a graceful restart half-way;
            heap after GC, threads, open files and database connections sampled, flat or not at the end.

              --minutes M            total load time, split in two halves around the restart (default 4)
              --seconds S            the same in seconds (for short checks)
              --rate R               instance starts per second, all threads together (default 25; 0 = as fast as they go)
              --threads T            starter threads (default 8)
              --sample-every S       seconds between samples (default 10)
              --warmup S             seconds at the start of each half before the baseline samples (default 30)
              --drain-timeout S      longest wait at the end for every acknowledged start to finish (default 300)
              --db-url URL           engine database (default: the embedded H2 file); a jdbc:postgresql URL names the
                                     server and the database to connect to, and the soak creates a fresh database there
              --db-user U            user for --db-url (default postgres)
              --db-password P        its password (default empty: trust authentication)
              --postgres             --db-url %s --db-user postgres
              --keep-db              keep the fresh PostgreSQL database afterwards (default: dropped)
            """.formatted(LOCAL_POSTGRES);

    /** The database to run on: a PostgreSQL server reached through {@code adminUrl}, where the soak creates its own database. */
    record Database(String adminUrl, String user, String password) {
    }

    static SoakOptions parse(String[] argv) {
        List<String> args = new ArrayList<>();
        for (String arg : argv) {
            if (!arg.isBlank()) {
                args.add(arg.strip());
            }
        }
        Duration duration = Duration.ofMinutes(4);
        double rate = 25;
        int threads = 8;
        Duration sampleEvery = Duration.ofSeconds(10);
        Duration warmup = Duration.ofSeconds(30);
        Duration drainTimeout = Duration.ofSeconds(300);
        String dbUrl = null;
        String dbUser = "postgres";
        String dbPassword = "";
        boolean keepDb = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--minutes" -> duration = Duration.ofMinutes(BenchOptions.positive(arg, BenchOptions.value(args, ++i, arg)));
                case "--seconds" -> duration = Duration.ofSeconds(BenchOptions.positive(arg, BenchOptions.value(args, ++i, arg)));
                case "--rate" -> rate = rate(arg, BenchOptions.value(args, ++i, arg));
                case "--threads" -> threads = BenchOptions.positive(arg, BenchOptions.value(args, ++i, arg));
                case "--sample-every" -> sampleEvery = Duration.ofSeconds(BenchOptions.positive(arg, BenchOptions.value(args, ++i, arg)));
                case "--warmup" -> warmup = Duration.ofSeconds(BenchOptions.nonNegative(arg, BenchOptions.value(args, ++i, arg)));
                case "--drain-timeout" -> drainTimeout = Duration.ofSeconds(BenchOptions.positive(arg, BenchOptions.value(args, ++i, arg)));
                case "--db-url" -> dbUrl = BenchOptions.value(args, ++i, arg);
                case "--db-user" -> dbUser = BenchOptions.value(args, ++i, arg);
                case "--db-password" -> dbPassword = BenchOptions.value(args, ++i, arg);
                case "--postgres" -> dbUrl = LOCAL_POSTGRES;
                case "--keep-db" -> keepDb = true;
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        Optional<Database> database = Optional.empty();
        if (dbUrl != null) {
            if (!dbUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("--db-url takes a jdbc:postgresql URL (the default is the embedded H2 file), not " + dbUrl);
            }
            database = Optional.of(new Database(dbUrl, dbUser, dbPassword));
        }
        Duration half = duration.dividedBy(2);
        if (warmup.plus(sampleEvery.multipliedBy(2)).compareTo(half) > 0) {
            throw new IllegalArgumentException("each half (" + half.toSeconds() + " s) must hold the warm-up (" + warmup.toSeconds()
                    + " s) and at least two samples after it (every " + sampleEvery.toSeconds() + " s)");
        }
        Path benchDir = BenchOptions.locateBenchDir();
        return new SoakOptions(duration, rate, threads, sampleEvery, warmup, drainTimeout, database, keepDb, List.copyOf(args),
                benchDir, BenchOptions.locateWlpHome(benchDir));
    }

    Duration half() {
        return duration.dividedBy(2);
    }

    Path targetDir() {
        return benchDir.resolve("target");
    }

    Path serverOutputDir() {
        return targetDir().resolve("soak-server");
    }

    private static double rate(String option, String raw) {
        try {
            double value = Double.parseDouble(raw.strip());
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(option + " must be 0 or more, was " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number of starts per second, not '" + raw + "'");
        }
    }
}
