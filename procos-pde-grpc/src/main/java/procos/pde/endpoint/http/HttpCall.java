package procos.pde.endpoint.http;

import com.google.protobuf.Value;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.endpoint.JsonBody;

/**
 * One request to send, as read from a task's inputs: checked completely before anything goes on
 * the wire, so that bad inputs fail as {@code INVALID_INPUT} and never as a half-sent call.
 *
 * @param method    upper-case HTTP method
 * @param uri       target, already allowed
 * @param headers   name/value pairs in input order; a name may repeat
 * @param body      bytes to send, or {@code null} for none
 * @param timeoutMs the task's own {@code timeout_ms}, if it set one
 */
record HttpCall(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body, OptionalLong timeoutMs) {

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Headers a client must not forward to another origin: they would hand its credentials over. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    HttpCall {
        headers = List.copyOf(headers);
    }

    /** Reads {@code http.request} (method, url, headers, body, timeout_ms) or {@code http.get} (url, headers, timeout_ms). */
    static HttpCall parse(boolean getOnly, InvokeInputs inputs, TargetCheck targets) throws EndpointException {
        URI uri = targets.input(inputs.requiredString("url"));
        String method = getOnly ? "GET" : inputs.string("method").map(m -> m.trim().toUpperCase(Locale.ROOT)).orElse("GET");
        if (!METHODS.contains(method)) {
            throw InvokeInputs.invalid("method '" + method + "' is not supported (supported: "
                    + String.join(", ", METHODS.stream().sorted().toList()) + ")");
        }
        List<Map.Entry<String, String>> headers = headers(inputs.value("headers"));
        byte[] body = null;
        if (!getOnly) {
            Optional<Value> bodyValue = inputs.value("body");
            if (bodyValue.isPresent()) {
                Value value = bodyValue.get();
                boolean text = value.hasStringValue();
                body = text ? value.getStringValue().getBytes(StandardCharsets.UTF_8) : JsonBody.write(value);
                if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("content-type"))) {
                    headers.add(Map.entry("Content-Type", text ? "text/plain; charset=utf-8" : "application/json"));
                }
            }
        }
        return new HttpCall(method, uri, headers, body, inputs.positiveLong("timeout_ms"));
    }

    /**
     * The request to send after a redirect to {@code target}. A 303, or a 301/302 answering
     * anything but GET or HEAD, turns into a GET without body, as browsers do; 307 and 308 repeat
     * the request as it was. Credentials stay behind when the origin changes.
     */
    HttpCall redirectedTo(URI target, int status) {
        boolean toGet = (status == 303 && !method.equals("HEAD"))
                || ((status == 301 || status == 302) && !method.equals("GET") && !method.equals("HEAD"));
        boolean sameOrigin = sameOrigin(uri, target);
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if ((!sameOrigin && CREDENTIAL_HEADERS.contains(name))
                    || (toGet && (name.equals("content-type") || name.equals("content-encoding")))) {
                continue;
            }
            kept.add(header);
        }
        return new HttpCall(toGet ? "GET" : method, target, kept, toGet ? null : body, timeoutMs);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static List<Map.Entry<String, String>> headers(Optional<Value> value) throws EndpointException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (value.isEmpty()) {
            return headers;
        }
        if (!value.get().hasStructValue()) {
            throw InvokeInputs.invalid("input 'headers' must be an object of header names to values");
        }
        for (Map.Entry<String, Value> field : value.get().getStructValue().getFieldsMap().entrySet()) {
            Value headerValue = field.getValue();
            if (headerValue.hasListValue()) {
                for (Value item : headerValue.getListValue().getValuesList()) {
                    add(headers, field.getKey(), item);
                }
            } else {
                add(headers, field.getKey(), headerValue);
            }
        }
        return headers;
    }

    private static void add(List<Map.Entry<String, String>> headers, String name, Value value) throws EndpointException {
        String text;
        if (value.hasStringValue()) {
            text = value.getStringValue();
        } else if (value.hasNumberValue()) {
            double number = value.getNumberValue();
            text = number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number) : Double.toString(number);
        } else if (value.hasBoolValue()) {
            text = Boolean.toString(value.getBoolValue());
        } else {
            throw InvokeInputs.invalid("header '" + name + "' must be a string, number, boolean or a list of them");
        }
        try {
            // Checks name and value the way the client will (restricted names, line breaks) before anything is sent.
            HttpRequest.newBuilder().header(name, text);
        } catch (IllegalArgumentException e) {
            throw InvokeInputs.invalid("header '" + name + "' cannot be sent: " + e.getMessage());
        }
        headers.add(Map.entry(name, text));
    }
}
