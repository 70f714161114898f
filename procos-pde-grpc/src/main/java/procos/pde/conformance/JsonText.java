package procos.pde.conformance;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;

/** A Struct value as compact JSON, the way an endpoint's author wrote it. */
final class JsonText {

    private JsonText() {
    }

    static String of(Value value) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(value);
        } catch (InvalidProtocolBufferException e) {
            return value.toString(); // only for values JSON cannot hold, e.g. NaN
        }
    }
}
