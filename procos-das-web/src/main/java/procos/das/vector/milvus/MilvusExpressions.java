package procos.das.vector.milvus;

import static procos.das.vector.ChunkFields.ID;
import static procos.das.vector.ChunkFields.METADATA;
import static procos.das.vector.ChunkFields.SOURCE_ID;

import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds Milvus boolean filter expressions from caller-supplied values. Every value and metadata key
 * becomes a double-quoted string literal, escaped by the grammar of Milvus's expression parser
 * ({@code Plan.g4}: a literal may not contain a bare {@code "}, {@code \}, CR or LF), so no value
 * can end the literal early and inject expression syntax.
 */
final class MilvusExpressions {

    private MilvusExpressions() {
    }

    /** Every filter as an exact match, joined by {@code &&}; empty for no filters (Milvus: match all). */
    static String filter(Map<String, String> filters) {
        StringJoiner all = new StringJoiner(" && ");
        filters.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> all.add(
                SOURCE_ID.equals(entry.getKey())
                        ? sourceIs(entry.getValue())
                        : METADATA + "[" + literal(entry.getKey()) + "] == " + literal(entry.getValue())));
        return all.toString();
    }

    static String sourceIs(String sourceId) {
        return SOURCE_ID + " == " + literal(sourceId);
    }

    /** The chunks of {@code sourceId} whose ids are not in {@code keep}: what a replacement leaves behind. */
    static String staleChunksOf(String sourceId, Collection<String> keep) {
        if (keep.isEmpty()) {
            return sourceIs(sourceId);
        }
        StringJoiner ids = new StringJoiner(", ", "[", "]");
        keep.forEach(id -> ids.add(literal(id)));
        return sourceIs(sourceId) + " && " + ID + " not in " + ids;
    }

    /** {@code value} as a double-quoted Milvus string literal. */
    static String literal(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
