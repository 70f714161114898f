package procos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SoakDatabaseTest {

    @Test
    void replacesTheDatabaseOfAPostgresUrlAndKeepsItsParameters() {
        assertThat(SoakDatabase.withDatabase("jdbc:postgresql://127.0.0.1:5432/test", "soak"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/soak");
        assertThat(SoakDatabase.withDatabase("jdbc:postgresql://db:5432/test?ssl=true&x=1", "soak"))
                .isEqualTo("jdbc:postgresql://db:5432/soak?ssl=true&x=1");
        assertThat(SoakDatabase.withDatabase("jdbc:postgresql://db:5432", "soak")).isEqualTo("jdbc:postgresql://db:5432/soak");
    }
}
