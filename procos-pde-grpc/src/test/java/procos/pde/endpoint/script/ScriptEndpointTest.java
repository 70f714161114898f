package procos.pde.endpoint.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static procos.pde.endpoint.Invocations.relaxed;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Deadline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import procos.pde.endpoint.CapturedLog;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.Invocations;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;

/** Runs real python3 and sh processes. */
class ScriptEndpointTest {

    /** Set for the test JVM by the module's surefire configuration: a secret of "the server". */
    private static final String PARENT_SECRET = "PROCOS_TEST_SECRET";

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    @TempDir
    Path temp;

    private Path sandbox;
    private Path scripts;
    private Path outside;

    @BeforeEach
    void directories() throws IOException {
        sandbox = temp.resolve("sandbox");
        scripts = Files.createDirectory(temp.resolve("scripts"));
        outside = Files.createDirectory(temp.resolve("outside"));
    }

    // --- running scripts

    @Test
    void aPythonScriptGetsTheTaskInputsAsJsonAndItsJsonOutputBecomesTheOutputs() throws Exception {
        script("total.py", """
                import json, sys
                task = json.load(sys.stdin)
                print(json.dumps({"total": sum(task["amounts"]), "customer": task["customer"], "keys": sorted(task)}))
                """);

        Struct outputs = run(endpoint(Map.of()), inputs("script_file", "total.py", "customer", "ACME",
                "amounts", list(2, 3, 4.5)));

        assertThat(outputs.getFieldsOrThrow("total").getNumberValue()).isEqualTo(9.5);
        assertThat(outputs.getFieldsOrThrow("customer").getStringValue()).isEqualTo("ACME");
        assertThat(outputs.getFieldsOrThrow("keys").getListValue().getValuesList()).extracting(Value::getStringValue)
                .containsExactly("amounts", "customer");
    }

    @Test
    void wholeNumbersReachTheScriptAsIntegers() throws Exception {
        script("kind.py", "import json, sys\nprint(json.dumps({'kind': type(json.load(sys.stdin)['n']).__name__}))\n");

        Struct outputs = run(endpoint(Map.of()), inputs("script_file", "kind.py", "n", 3));

        assertThat(outputs.getFieldsOrThrow("kind").getStringValue()).isEqualTo("int");
    }

    @Test
    void aShellScriptsOutputCanBeTakenAsText() throws Exception {
        script("hello.sh", "read -r line\necho \"got $line\"\n");

        Struct outputs = run(endpoint(Map.of()), inputs("script_file", "hello.sh", "output", "text", "name", "x"));

        assertThat(outputs.getFieldsOrThrow("stdout").getStringValue()).isEqualTo("got {\"name\":\"x\"}\n");
    }

    @Test
    void aJsonValueOtherThanAnObjectIsReturnedAsResultAndNoOutputMeansNoOutputs() throws Exception {
        script("list.py", "print('[1, 2]')\n");
        script("quiet.sh", "true\n");

        assertThat(run(endpoint(Map.of()), inputs("script_file", "list.py")).getFieldsOrThrow("result")
                .getListValue().getValuesCount()).isEqualTo(2);
        assertThat(run(endpoint(Map.of()), inputs("script_file", "quiet.sh")).getFieldsCount()).isZero();
    }

    @Test
    void inlineScriptsRunOnlyWhereAllowedAndNeedAnInterpreter() throws Exception {
        ScriptEndpoint allowing = endpoint(Map.of("allow_inline_scripts", "true"));

        Struct outputs = run(allowing, inputs("script", "import json,sys; print(json.dumps({'x': json.load(sys.stdin)['x'] * 2}))",
                "interpreter", "python3", "x", 21));
        assertThat(outputs.getFieldsOrThrow("x").getNumberValue()).isEqualTo(42);

        assertThat(refused(endpoint(Map.of()), inputs("script", "print(1)", "interpreter", "python3")).code())
                .isEqualTo("INLINE_SCRIPT_NOT_ALLOWED");
        EndpointException noInterpreter = refused(allowing, inputs("script", "print(1)"));
        assertThat(noInterpreter.code()).isEqualTo("INVALID_INPUT");
        assertThat(noInterpreter.getMessage()).contains("'interpreter' is required").contains("python3, sh");
    }

    // --- failures of the script

    @Test
    void aNonZeroExitReportsTheCodeAndTheEndOfStderr() throws Exception {
        script("fail.py", """
                import sys
                print("partial")
                sys.stderr.write("x" * 5000 + "\\nValueError: customer 42 has no address\\n")
                sys.exit(3)
                """);

        EndpointException failed = refused(endpoint(Map.of()), inputs("script_file", "fail.py"));

        assertThat(failed.code()).isEqualTo("SCRIPT_FAILED");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.getMessage()).contains("exited with code 3").endsWith("ValueError: customer 42 has no address");
        assertThat(failed.getMessage().length()).isLessThan(1200);
    }

    @Test
    void outputThatIsNotJsonIsAnErrorQuotingItsStart() throws Exception {
        script("chatty.py", "print('Done! 3 rows')\n");

        EndpointException refused = refused(endpoint(Map.of()), inputs("script_file", "chatty.py"));

        assertThat(refused.code()).isEqualTo("OUTPUT_NOT_JSON");
        assertThat(refused.getMessage()).contains("output: text").endsWith("Done! 3 rows");
    }

    @Test
    void aScriptPastMaxExecutionTimeIsKilledTogetherWithTheProcessItStarted() throws Exception {
        Path pidFile = outside.resolve("child.pid");
        script("hang.sh", "sleep 300 &\necho $! > \"$PID_FILE\"\nwait\n");

        EndpointException timedOut = refused(endpoint(Map.of("max_execution_time", "PT1S", "env.PID_FILE", pidFile.toString())),
                inputs("script_file", "hang.sh"));

        assertThat(timedOut.code()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(timedOut.getMessage()).contains("max_execution_time");
        assertStopped(Long.parseLong(Files.readString(pidFile).strip()));
    }

    @Test
    void aPythonScriptsGrandchildIsKilledAtTheTasksDeadline() throws Exception {
        Path pidFile = outside.resolve("grandchild.pid");
        script("spawn.py", """
                import os, subprocess, time
                child = subprocess.Popen(["sh", "-c", "sleep 300 & echo $! > \\"$PID_FILE\\"; wait"])
                time.sleep(300)
                """);
        ScriptEndpoint endpoint = endpoint(Map.of("env.PID_FILE", pidFile.toString()));

        EndpointException timedOut = catchThrowableOfType(EndpointException.class, () -> endpoint.invoke(
                request(inputs("script_file", "spawn.py")), Deadline.after(1500, TimeUnit.MILLISECONDS)));

        assertThat(timedOut.code()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(timedOut.getMessage()).contains("the task's deadline");
        assertStopped(Long.parseLong(Files.readString(pidFile).strip()));
    }

    @Test
    void aBackgroundProcessLeftBehindByAFinishedScriptIsKilled() throws Exception {
        Path pidFile = outside.resolve("left.pid");
        // The pause gives the endpoint time to see the child before its parent exits and it is orphaned.
        script("leave.sh", "sleep 300 > /dev/null 2>&1 &\necho $! > \"$PID_FILE\"\nsleep 1\necho '{}'\n");

        run(endpoint(Map.of("env.PID_FILE", pidFile.toString())), inputs("script_file", "leave.sh"));

        assertStopped(Long.parseLong(Files.readString(pidFile).strip()));
    }

    @Test
    void outputPastTheCapKillsTheScript() throws Exception {
        script("flood.py", "while True:\n    print('x' * 1000, flush=True)\n");

        EndpointException refused = refused(endpoint(Map.of("max_output_bytes", "10000")), inputs("script_file", "flood.py"));

        assertThat(refused.code()).isEqualTo("OUTPUT_TOO_LARGE");
        assertThat(refused.getMessage()).contains("max_output_bytes (10000)");
    }

    // --- containment

    @Test
    void theScriptSeesOnlyPathLangHomeAndConfiguredVariablesNeverTheServers() throws Exception {
        assertThat(System.getenv(PARENT_SECRET)).as("set by surefire for this test").isNotBlank();
        script("env.py", "import json, os\nprint(json.dumps(dict(os.environ)))\n");

        Struct outputs = run(endpoint(Map.of("env.REPORT_BUCKET", "reports")), inputs("script_file", "env.py"));

        Map<String, String> seen = outputs.getFieldsMap().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().getStringValue()));
        assertThat(seen).containsOnlyKeys("PATH", "LANG", "HOME", "REPORT_BUCKET");
        assertThat(seen).containsEntry("PATH", ScriptSettings.DEFAULT_PATH).containsEntry("LANG", "C.UTF-8")
                .containsEntry("REPORT_BUCKET", "reports");
        assertThat(seen.values()).doesNotContain(System.getenv(PARENT_SECRET));
        assertThat(Path.of(seen.get("HOME")).getParent()).isEqualTo(sandbox.toRealPath());
    }

    @Test
    void eachRunWorksInAFreshDirectoryThatIsDeletedAfterwards() throws Exception {
        script("scratch.sh", "seen=$(ls -A); echo data > mine.txt; printf '{\"cwd\": \"%s\", \"seen\": \"%s\"}' \"$PWD\" \"$seen\"\n");
        ScriptEndpoint endpoint = endpoint(Map.of());

        Struct first = run(endpoint, inputs("script_file", "scratch.sh"));
        Struct second = run(endpoint, inputs("script_file", "scratch.sh"));

        assertThat(first.getFieldsOrThrow("seen").getStringValue()).isEmpty();
        assertThat(second.getFieldsOrThrow("seen").getStringValue()).isEmpty();
        assertThat(Path.of(first.getFieldsOrThrow("cwd").getStringValue())).doesNotExist();
        try (var left = Files.list(sandbox)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aScriptNameClimbingOutOfTheScriptsDirectoryIsRefusedAndNotRun() throws Exception {
        Path marker = outside.resolve("escaped.txt");
        Files.writeString(outside.resolve("evil.py"), "open('" + marker + "', 'w').write('escaped')\n");

        EndpointException refused = refused(endpoint(Map.of()), inputs("script_file", "../outside/evil.py"));

        assertThat(refused.code()).isEqualTo("PATH_OUTSIDE_SCRIPTS_DIR");
        assertThat(refused.getMessage()).contains("'../outside/evil.py'");
        assertThat(marker).doesNotExist();
    }

    @Test
    void anAbsoluteScriptNameIsRefusedEvenInsideTheScriptsDirectory() throws Exception {
        Path inside = script("ok.py", "print('{}')\n");

        assertThat(refused(endpoint(Map.of()), inputs("script_file", inside.toString())).code())
                .isEqualTo("PATH_OUTSIDE_SCRIPTS_DIR");
        assertThat(refused(endpoint(Map.of()), inputs("script_file", "/bin/sh")).code())
                .isEqualTo("PATH_OUTSIDE_SCRIPTS_DIR");
    }

    @Test
    void aLinkInTheScriptsDirectoryLeadingOutIsRefused() throws Exception {
        Path target = Files.writeString(outside.resolve("target.py"), "print('{}')\n");
        Files.createSymbolicLink(scripts.resolve("link.py"), target);

        assertThat(refused(endpoint(Map.of()), inputs("script_file", "link.py")).code()).isEqualTo("PATH_OUTSIDE_SCRIPTS_DIR");
    }

    @Test
    void anInterpreterNotOnTheAllowlistIsRefused() throws Exception {
        script("job.py", "print('{}')\n");
        ScriptEndpoint pythonOnly = endpoint(Map.of("allowed_commands", "python3"));

        EndpointException shell = refused(pythonOnly, inputs("script_file", "job.py", "interpreter", "sh"));
        EndpointException commandLine = refused(pythonOnly, inputs("script_file", "job.py", "interpreter", "python3 -c"));
        EndpointException elsewhere = refused(pythonOnly, inputs("script_file", "job.py", "interpreter", "/usr/bin/perl"));

        assertThat(shell.code()).isEqualTo("COMMAND_NOT_ALLOWED");
        assertThat(shell.getMessage()).isEqualTo("interpreter 'sh' is not in allowed_commands (python3)");
        assertThat(commandLine.code()).isEqualTo("COMMAND_NOT_ALLOWED");
        assertThat(elsewhere.code()).isEqualTo("COMMAND_NOT_ALLOWED");
    }

    @Test
    void aMissingScriptAndMissingOrDoubleSourcesAreClearErrors() throws Exception {
        ScriptEndpoint endpoint = endpoint(Map.of());

        assertThat(refused(endpoint, inputs("script_file", "nope.py")).code()).isEqualTo("SCRIPT_NOT_FOUND");
        assertThat(refused(endpoint, inputs()).getMessage()).contains("exactly one of input 'script'");
        assertThat(refused(endpoint, inputs("script_file", "a.py", "script", "x")).code()).isEqualTo("INVALID_INPUT");
        assertThat(refused(endpoint, inputs("script_file", "a.txt")).code()).isEqualTo("SCRIPT_NOT_FOUND");
        script("job.txt", "echo '{}'\n");
        assertThat(refused(endpoint, inputs("script_file", "job.txt")).getMessage()).contains("'interpreter' is required");
        assertThat(refused(endpoint, inputs("script_file", "job.txt", "interpreter", "sh", "output", "xml")).getMessage())
                .contains("input 'output' must be json or text");
    }

    // --- description, health, logging

    @Test
    void itDescribesOneTaskTypeAndIsHealthyWhileItsSandboxIsUsable() throws Exception {
        ScriptEndpoint endpoint = endpoint(Map.of());

        assertThat(endpoint.describe().getCapabilitiesList()).extracting(c -> c.getTaskType()).containsExactly("script.run");
        assertThat(endpoint.describe().getLimits().getMaxTimeout().getSeconds()).isEqualTo(30);
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.HEALTHY);
        Files.delete(sandbox);
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(refused(endpoint, inputs("script_file", "x.py")).code()).isIn("SCRIPT_NOT_FOUND");
    }

    @Test
    void eachRunLogsOneEventWithoutSourceInputsOrOutputs() throws Exception {
        script("echo.py", "import sys; print(sys.stdin.read())\n");

        run(endpoint(Map.of("allow_inline_scripts", "true")), inputs("script_file", "echo.py", "password", "hunter2-input"));
        refused(endpoint(Map.of("allow_inline_scripts", "true")), inputs("script", "import sys; sys.exit('hunter2-source')",
                "interpreter", "python3"));

        assertThat(log.lines()).noneMatch(line -> line.contains("hunter2"));
        JsonNode ok = log.events("script_run").get(0);
        assertThat(ok.path("outcome").asText()).isEqualTo("ok");
        assertThat(ok.path("script").asText()).isEqualTo("echo.py");
        assertThat(ok.path("interpreter").asText()).isEqualTo("python3");
        assertThat(ok.path("correlation_id").asText()).isEqualTo("corr-1");
        assertThat(log.events("script_run").get(1).path("outcome").asText()).isEqualTo("SCRIPT_FAILED");
    }

    @Test
    void anotherTaskTypeIsRefused() {
        EndpointException refused = catchThrowableOfType(EndpointException.class,
                () -> endpoint(Map.of()).invoke(Invocations.request("files.read", "{}"), relaxed()));

        assertThat(refused.code()).isEqualTo("UNSUPPORTED_TASK_TYPE");
    }

    // --- helpers

    /** Waits for the process to be gone: a killed process disappears shortly after the signal, not at once. */
    private static void assertStopped(long pid) throws InterruptedException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        for (int i = 0; i < 100 && process.isPresent() && process.get().isAlive(); i++) {
            Thread.sleep(50);
        }
        assertThat(process.map(ProcessHandle::isAlive)).as("process " + pid + " still running").isNotEqualTo(Optional.of(true));
    }

    private Path script(String name, String source) throws IOException {
        return Files.writeString(scripts.resolve(name), source);
    }

    private ScriptEndpoint endpoint(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("sandbox_root", sandbox.toString(), "scripts_dir", scripts.toString()));
        settings.putAll(extra);
        return ScriptEndpoint.fromConfig(new EndpointConfig("scripts", EndpointKind.SCRIPT, Optional.empty(), Optional.empty(),
                Optional.empty(), settings));
    }

    private static Struct run(ScriptEndpoint endpoint, Struct inputs) throws EndpointException {
        return endpoint.invoke(request(inputs), relaxed()).getOutputs();
    }

    private static EndpointException refused(ScriptEndpoint endpoint, Struct inputs) {
        EndpointException refused = catchThrowableOfType(EndpointException.class, () -> endpoint.invoke(request(inputs), relaxed()));
        assertThat(refused).as("expected the endpoint to refuse").isNotNull();
        return refused;
    }

    private static InvokeRequest request(Struct inputs) {
        return Invocations.request(ScriptEndpoint.RUN, "{}").toBuilder().setInputs(inputs).build();
    }

    private static Struct inputs(Object... pairs) {
        Struct.Builder struct = Struct.newBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            struct.putFields((String) pairs[i], value(pairs[i + 1]));
        }
        return struct.build();
    }

    private static Value list(Object... items) {
        ListValue.Builder list = ListValue.newBuilder();
        for (Object item : items) {
            list.addValues(value(item));
        }
        return Value.newBuilder().setListValue(list).build();
    }

    private static Value value(Object value) {
        if (value instanceof Value v) {
            return v;
        }
        if (value instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (value instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        return Value.newBuilder().setStringValue(String.valueOf(value)).build();
    }
}
