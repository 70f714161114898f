package procos.pde.pool;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What sort of thing an endpoint is, which decides how a PDE reaches it and which settings it
 * needs. Written in YAML in lower case ({@code kind: remote}).
 */
public enum EndpointKind {
    /** Implemented inside the PDE runtime itself (e.g. {@code noop}); needs no address. */
    BUILTIN,
    /** A service implementing the {@code EndpointService} gRPC contract, in any language; needs {@code address}. */
    REMOTE,
    /** Another PDE node, reached through {@code PdeService}; needs {@code address}. */
    PDE,
    /** A language model ({@code procos.pde.endpoint.llm.LlmEndpoint}); provider, base URL, model and key go under {@code settings}. */
    LLM,
    /** HTTP client calls ({@code procos.pde.endpoint.http.HttpEndpoint}); {@code allowed_hosts} and limits go under {@code settings}. */
    HTTP,
    /** Sending mail over SMTP ({@code procos.pde.endpoint.mail.MailEndpoint}); server, sender and allowed domains go under {@code settings}. */
    MAIL,
    /** A relational database; JDBC URL and credentials go under {@code settings}. */
    JDBC,
    /** A sandboxed directory ({@code procos.pde.endpoint.files.FilesEndpoint}); {@code root} goes under {@code settings}. */
    FILES,
    /** A script run in a sandbox; language and limits go under {@code settings}. */
    SCRIPT;

    /** The spelling used in YAML. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the endpoint is reached over the network at a {@code host:port} of its own. */
    public boolean needsAddress() {
        return this == REMOTE || this == PDE;
    }

    /** The kind spelt {@code text} in YAML (case-insensitive), or empty. */
    public static Optional<EndpointKind> fromYaml(String text) {
        return Arrays.stream(values()).filter(kind -> kind.yamlName().equalsIgnoreCase(text)).findFirst();
    }

    static List<String> yamlNames() {
        return Arrays.stream(values()).map(EndpointKind::yamlName).toList();
    }
}
