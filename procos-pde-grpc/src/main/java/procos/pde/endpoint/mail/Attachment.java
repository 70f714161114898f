package procos.pde.endpoint.mail;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/**
 * One file attached to a message, from the {@code attachments} input: a list of
 * {@code {filename, content (base64), content_type (default application/octet-stream)}}.
 *
 * @param filename    as the recipient sees it; single line
 * @param contentType MIME type
 * @param bytes       the decoded content
 */
record Attachment(String filename, String contentType, byte[] bytes) {

    private static final String DEFAULT_TYPE = "application/octet-stream";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * @throws EndpointException {@code INVALID_INPUT} naming the field at fault, or
     *                           {@code ATTACHMENT_TOO_LARGE} when the decoded total passes {@code maxTotalBytes}
     */
    static List<Attachment> read(InvokeInputs inputs, long maxTotalBytes) throws EndpointException {
        Optional<Value> value = inputs.value("attachments");
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().hasListValue()) {
            throw InvokeInputs.invalid("input 'attachments' must be a list of {filename, content, content_type}");
        }
        List<Attachment> attachments = new ArrayList<>();
        long total = 0;
        List<Value> items = value.get().getListValue().getValuesList();
        for (int i = 0; i < items.size(); i++) {
            String field = "attachments[" + i + "]";
            if (!items.get(i).hasStructValue()) {
                throw InvokeInputs.invalid("input '" + field + "' must be an object {filename, content, content_type}");
            }
            Struct item = items.get(i).getStructValue();
            String filename = text(item, field, "filename").orElseThrow(() -> missing(field, "filename"));
            HeaderText.requireSingleLine(field + ".filename", filename);
            String contentType = contentType(field, text(item, field, "content_type").orElse(DEFAULT_TYPE));
            String content = text(item, field, "content").orElseThrow(() -> missing(field, "content"));
            // Base64 grows data by a third: refuse what cannot fit before decoding it.
            if ((content.length() / 4) * 3L > maxTotalBytes - total + 3) {
                throw MailErrors.attachmentsTooLarge(maxTotalBytes);
            }
            byte[] bytes;
            try {
                // Line breaks are common in base64 from mail tools; anything else outside the alphabet is an error.
                bytes = Base64.getDecoder().decode(WHITESPACE.matcher(content).replaceAll(""));
            } catch (IllegalArgumentException e) {
                throw InvokeInputs.invalid("input '" + field + ".content' is not valid base64: " + e.getMessage());
            }
            total += bytes.length;
            if (total > maxTotalBytes) {
                throw MailErrors.attachmentsTooLarge(maxTotalBytes);
            }
            attachments.add(new Attachment(filename, contentType, bytes));
        }
        return attachments;
    }

    private static Optional<String> text(Struct item, String field, String name) throws EndpointException {
        Value value = item.getFieldsMap().get(name);
        if (value == null || value.hasNullValue()) {
            return Optional.empty();
        }
        if (!value.hasStringValue()) {
            throw InvokeInputs.invalid("input '" + field + "." + name + "' must be a string");
        }
        return value.getStringValue().isBlank() ? Optional.empty() : Optional.of(value.getStringValue());
    }

    private static String contentType(String field, String text) throws EndpointException {
        HeaderText.requireSingleLine(field + ".content_type", text);
        try {
            return new ContentType(text).toString();
        } catch (ParseException e) {
            throw InvokeInputs.invalid("input '" + field + ".content_type' is not a MIME type: " + HeaderText.show(text));
        }
    }

    private static EndpointException missing(String field, String name) {
        return InvokeInputs.invalid("input '" + field + "." + name + "' is required");
    }
}
