package procos.pde.endpoint.http;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import procos.pde.endpoint.JsonText;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.InvokeResponse;

/**
 * Turns a response into the task's outputs: {@code status}, {@code headers} (lower-case names,
 * first value each), {@code body} as text and, for a JSON content type, the parsed value under
 * {@code json}. A 5xx answer is still an answer, so its outputs are returned with a retryable
 * {@code HTTP_5XX} error beside them; a 4xx is left to the process to judge.
 */
final class HttpOutputs {

    private HttpOutputs() {
    }

    static InvokeResponse response(HttpExchange.Result result) {
        int status = result.response().statusCode();
        HttpHeaders headers = result.response().headers();
        String contentType = headers.firstValue("content-type").orElse("");
        String body = new String(result.response().body(), charset(contentType));

        Struct.Builder outputs = Struct.newBuilder()
                .putFields("status", number(status))
                .putFields("headers", Value.newBuilder().setStructValue(headerStruct(headers)).build())
                .putFields("body", Value.newBuilder().setStringValue(body).build());
        if (isJson(contentType)) {
            JsonText.parse(body).ifPresent(json -> outputs.putFields("json", json));
        }
        InvokeResponse.Builder response = InvokeResponse.newBuilder().setOutputs(outputs);
        if (status >= 500 && status <= 599) {
            response.setError(serverError(status, result.uri().getHost(), headers));
        }
        return response.build();
    }

    private static ErrorDetail serverError(int status, String host, HttpHeaders headers) {
        ErrorDetail.Builder error = ErrorDetail.newBuilder()
                .setCode(HttpErrors.HTTP_5XX)
                .setMessage("'" + host + "' answered HTTP " + status)
                .setRetryable(true)
                .setDetails(Struct.newBuilder().putFields("status", number(status)));
        headers.firstValue("retry-after").flatMap(HttpOutputs::seconds).ifPresent(seconds ->
                error.setRetryAfter(com.google.protobuf.Duration.newBuilder().setSeconds(seconds)));
        return error.build();
    }

    /** {@code Retry-After} as delta seconds; the HTTP-date form is rare from APIs and is ignored. */
    private static Optional<Long> seconds(String retryAfter) {
        try {
            long seconds = Long.parseLong(retryAfter.trim());
            return seconds >= 0 ? Optional.of(seconds) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Struct headerStruct(HttpHeaders headers) {
        Struct.Builder struct = Struct.newBuilder();
        for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(":") && !header.getValue().isEmpty() && !struct.containsFields(name)) {
                struct.putFields(name, Value.newBuilder().setStringValue(header.getValue().get(0)).build());
            }
        }
        return struct.build();
    }

    static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /** The charset named in the content type, else UTF-8 (the default of JSON and of most APIs). */
    static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String name = pair[1].trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Value number(int value) {
        return Value.newBuilder().setNumberValue(value).build();
    }
}
