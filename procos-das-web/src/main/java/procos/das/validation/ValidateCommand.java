package procos.das.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ValidateCommand FILE.bpmn [--json]}: validates one model and prints its findings, one per
 * line ({@code SEVERITY rule element message}, {@code -} for no element) or as a JSON array of
 * {@code {severity, rule, element, message}}. Exits 0 when the model passes, 1 when a finding is an
 * error, 2 when the arguments are wrong or the file cannot be read. The validator's limits come
 * from the {@code procos.validation.*} system properties, else their defaults.
 */
public final class ValidateCommand {

    static final int PASSES = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = "usage: validate FILE.bpmn [--json]";

    private ValidateCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns its exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> arguments = List.of(args);
        boolean json = arguments.contains("--json");
        List<String> files = arguments.stream().filter(argument -> !argument.equals("--json")).toList();
        if (files.size() != 1 || files.get(0).startsWith("-")) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        ValidationSettings settings;
        try {
            settings = ValidationSettings.from(key -> java.util.Optional.ofNullable(System.getProperty(key)));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        Path file = Path.of(files.get(0));
        byte[] content;
        try {
            // Never more than one byte past the limit in memory: that is enough for the validator to refuse it.
            try (InputStream in = Files.newInputStream(file)) {
                content = in.readNBytes(settings.maxBytes() + 1);
            }
        } catch (NoSuchFileException e) {
            err.println("no such file: " + file);
            return USAGE;
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return USAGE;
        }
        ValidationReport report = new BpmnValidator(settings).validate(content);
        out.println(json ? json(report) : text(report));
        return report.passes() ? PASSES : REFUSED;
    }

    private static String text(ValidationReport report) {
        StringBuilder text = new StringBuilder();
        for (Finding finding : report.findings()) {
            text.append(finding.severity()).append(' ').append(finding.rule()).append(' ')
                    .append(finding.elementId() == null ? "-" : finding.elementId()).append(' ')
                    .append(finding.message().replace('\n', ' ')).append('\n');
        }
        text.append(report.passes() ? "PASSES" : "REFUSED").append(": ")
                .append(report.findings().stream().filter(Finding::blocks).count()).append(" errors, ")
                .append(report.findings().stream().filter(finding -> !finding.blocks()).count()).append(" warnings");
        return text.toString();
    }

    private static String json(ValidationReport report) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode findings = mapper.createArrayNode();
        for (Finding finding : report.findings()) {
            ObjectNode node = findings.addObject();
            node.put("severity", finding.severity().name());
            node.put("rule", finding.rule());
            node.put("element", finding.elementId());
            node.put("message", finding.message());
        }
        try {
            return mapper.writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }
}
