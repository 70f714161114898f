package procos.pde.endpoint.script;

import java.nio.file.Path;
import java.util.Optional;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/**
 * What a task asks to run: a vetted file from {@code scripts_dir} ({@code script_file}) or, where
 * the endpoint allows it, source text of its own ({@code script}), and the interpreter from the
 * allowlist that runs it ({@code interpreter}; for files ending {@code .py} or {@code .sh} it
 * defaults to {@code python3} or {@code sh}).
 *
 * @param label       how messages and logs name the script: the file name as given, or {@code inline}
 * @param file        the script file, for {@code script_file}
 * @param inline      the source, for {@code script}
 * @param interpreter the allowlisted command, as written in the allowlist
 * @param executable  the interpreter's executable
 */
record ScriptSource(String label, Optional<Path> file, Optional<String> inline, String interpreter, Path executable) {

    static final String SCRIPT = "script";
    static final String SCRIPT_FILE = "script_file";
    static final String INTERPRETER = "interpreter";

    static ScriptSource from(InvokeInputs inputs, ScriptSettings settings) throws EndpointException {
        Optional<String> inline = inputs.string(SCRIPT);
        Optional<String> fileName = inputs.string(SCRIPT_FILE);
        if (inline.isPresent() == fileName.isPresent()) {
            throw InvokeInputs.invalid("give exactly one of input '" + SCRIPT + "' (source) and input '"
                    + SCRIPT_FILE + "' (a name in scripts_dir)");
        }
        Optional<String> interpreter = inputs.string(INTERPRETER);
        if (inline.isPresent()) {
            if (!settings.allowInlineScripts()) {
                throw ScriptErrors.of(ScriptErrors.INLINE_SCRIPT_NOT_ALLOWED, "this endpoint runs only files from"
                        + " scripts_dir (input '" + SCRIPT_FILE + "'); inline scripts need allow_inline_scripts: true");
            }
            String command = interpreter.orElseThrow(() -> InvokeInputs.invalid("input '" + INTERPRETER
                    + "' is required with an inline script (one of: " + settings.commands() + ")"));
            return new ScriptSource("inline", Optional.empty(), inline, command, allowed(command, settings));
        }
        ScriptsDirectory directory = settings.scriptsDir().map(ScriptsDirectory::new).orElseThrow(() ->
                InvokeInputs.invalid("input '" + SCRIPT_FILE + "' needs a scripts_dir, and this endpoint has none"));
        Path file = directory.script(fileName.get());
        String command = interpreter.or(() -> byExtension(fileName.get())).orElseThrow(() -> InvokeInputs.invalid(
                "input '" + INTERPRETER + "' is required for '" + fileName.get() + "' (one of: " + settings.commands() + ")"));
        return new ScriptSource(fileName.get(), Optional.of(file), Optional.empty(), command, allowed(command, settings));
    }

    private static Optional<String> byExtension(String fileName) {
        if (fileName.endsWith(".py")) {
            return Optional.of("python3");
        }
        if (fileName.endsWith(".sh")) {
            return Optional.of("sh");
        }
        return Optional.empty();
    }

    private static Path allowed(String command, ScriptSettings settings) throws EndpointException {
        return settings.commands().executable(command).orElseThrow(() -> ScriptErrors.of(ScriptErrors.COMMAND_NOT_ALLOWED,
                "interpreter '" + command + "' is not in allowed_commands (" + settings.commands() + ")"));
    }
}
