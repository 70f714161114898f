package procos.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2HousekeepingTest {

    @TempDir
    Path dir;

    @Test
    void runsOnlyForAnEmbeddedDatabaseFileWithoutWriteDelay() throws Exception {
        try (Connection keepOpen = dataSource("jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1").getConnection()) {
            assertThat(H2Housekeeping.startIfNeeded(dataSource("jdbc:h2:mem:housekeeping"))).as("in memory").isEmpty();
        }
        JdbcDataSource delayed = dataSource("jdbc:h2:file:" + dir.resolve("delayed") + ";WRITE_DELAY=500");
        try (Connection keepOpen = delayed.getConnection()) {
            assertThat(H2Housekeeping.startIfNeeded(delayed)).as("H2's own background writer does it").isEmpty();
        }
        JdbcDataSource durable = dataSource("jdbc:h2:file:" + dir.resolve("durable") + ";WRITE_DELAY=0");
        try (Connection keepOpen = durable.getConnection()) {
            Optional<H2Housekeeping> started = H2Housekeeping.startIfNeeded(durable);
            assertThat(started).isPresent();
            started.get().close();
        }
    }

    /**
     * The same stream of small commits — a row appended and a row updated per transaction, as an
     * engine writes history and runtime state — on two databases that store every commit at once:
     * the one whose chunks are rewritten as H2's background writer would ends up with a much
     * smaller file.
     */
    @Test
    void withoutWriteDelayTheFileStaysSmallOnlyWithHousekeeping() throws Exception {
        long without = fileAfterCommits("without", false);
        long with = fileAfterCommits("with", true);

        assertThat(with).as("file with housekeeping (%d bytes) against without (%d bytes)", with, without)
                .isLessThan(without / 2);
        System.out.printf("6000 commits, WRITE_DELAY=0: file %d bytes without housekeeping, %d bytes with it%n", without, with);
    }

    private long fileAfterCommits(String name, boolean housekeeping) throws Exception {
        // RETENTION_TIME=0: freed chunks are reused at once instead of after H2's 45 s, so a short run shows the effect.
        JdbcDataSource dataSource = dataSource("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0");
        try (Connection connection = dataSource.getConnection()) {
            H2Housekeeping rounds = housekeeping ? H2Housekeeping.startIfNeeded(dataSource).orElseThrow() : null;
            try (Statement sql = connection.createStatement()) {
                sql.execute("create table history(id int primary key, payload varchar(200))");
                sql.execute("create table runtime(id int primary key, counter int)");
                sql.execute("insert into runtime values (1, 0)");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement append = connection.prepareStatement("insert into history values (?, ?)");
                 PreparedStatement update = connection.prepareStatement("update runtime set counter = ? where id = 1")) {
                for (int i = 0; i < 6000; i++) {
                    append.setInt(1, i);
                    append.setString(2, "x".repeat(150) + i);
                    append.executeUpdate();
                    update.setInt(1, i);
                    update.executeUpdate();
                    connection.commit();
                    if (rounds != null && i % 200 == 199) {
                        rounds.run();
                    }
                }
            }
            if (rounds != null) {
                rounds.close();
            }
            return Files.size(dir.resolve(name + ".mv.db"));
        }
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        return dataSource;
    }
}
