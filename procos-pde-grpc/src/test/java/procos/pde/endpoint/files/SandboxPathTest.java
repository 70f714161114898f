package procos.pde.endpoint.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import procos.pde.endpoint.EndpointException;

class SandboxPathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a.txt              | a.txt",
        "dir/a.txt          | dir/a.txt",
        "./dir//a.txt/      | dir/a.txt",
        "dir\\sub\\a.txt     | dir/sub/a.txt",
        "%2e%2e/x           | %2e%2e/x",
        "..%2fx             | ..%2fx",
        "...                | ...",
        "..a/b..            | ..a/b..",
        "~/x                | ~/x",
        "'a b/c d'          | a b/c d",
    })
    void relativePathsBecomeNames(String input, String normalized) throws EndpointException {
        assertThat(SandboxPath.parse(input).normalized()).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "./", ".//."})
    void emptyPathsNameTheRoot(String input) throws EndpointException {
        assertThat(SandboxPath.parse(input).isRoot()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "a/../b", "..", "a/..", "/etc/passwd", "/", "\\\\server\\share\\x",
        "\\x", "C:\\x", "c:/x", "C:x", "..\\x", "a\\..\\..\\x", "a\0b", "a/b\0/../c"})
    void pathsThatCouldLeaveTheRootAreRefusedNamingTheInput(String input) {
        EndpointException refused = catchThrowableOfType(EndpointException.class, () -> SandboxPath.parse(input));

        assertThat(refused.code()).isEqualTo("PATH_OUTSIDE_SANDBOX");
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage()).contains(FileErrors.show(input));
    }

    @Test
    void theNameAndParentsAreTheLastAndTheOtherNames() throws EndpointException {
        SandboxPath path = SandboxPath.parse("a/b/c.txt");

        assertThat(path.name()).isEqualTo("c.txt");
        assertThat(path.parents()).containsExactly("a", "b");
        assertThat(path.input()).isEqualTo("a/b/c.txt");
    }

    @Test
    void controlCharactersAreEscapedAndLongPathsCutInMessages() {
        assertThat(FileErrors.show("a\0b\nc")).isEqualTo("'a\\u0000b\\u000ac'");
        assertThat(FileErrors.show("x".repeat(500))).hasSize(200 + 3).endsWith("…'");
    }
}
