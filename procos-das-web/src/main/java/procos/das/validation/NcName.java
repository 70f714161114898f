package procos.das.validation;

/**
 * The XML NCName production (Namespaces in XML 1.0), which BPMN ids must match: Camunda uses ids as
 * XML ids, in expressions and in REST paths.
 */
final class NcName {

    private NcName() {
    }

    static boolean isValid(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        int first = text.codePointAt(0);
        if (!isStart(first)) {
            return false;
        }
        return text.codePoints().skip(1).allMatch(NcName::isPart);
    }

    private static boolean isStart(int c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
                || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D)
                || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
                || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
    }

    private static boolean isPart(int c) {
        return isStart(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7
                || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
    }
}
