package procos.logging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials before anything is written, because log files are copied, shipped and read far
 * more widely than the systems whose passwords end up in them (connection URLs in error messages,
 * configuration maps, HTTP headers).
 *
 * <p>Two rules, chosen to mask real credentials without hiding the numbers an LLM-heavy platform
 * logs about "tokens":
 * <ul>
 *   <li><b>Keys.</b> A map key names a credential if, lower-cased and stripped of separators, it
 *       contains password, passwd, pwd, passphrase, secret, token, apikey, accesskey, privatekey,
 *       credential, authorization or cookie ("tokenizer" excepted). Its value becomes {@value #MASK}
 *       (a whole nested map or list included) unless it is a number, a boolean or null: credentials
 *       are text, while {@code token_count}, {@code max_tokens} or {@code password_max_age_days}
 *       are counters worth seeing.</li>
 *   <li><b>Text.</b> Inside every string value: {@code key=value} / {@code key: value} pairs whose
 *       key <em>ends</em> in a credential word (so {@code db_password=x} and {@code access_token: x}
 *       are masked, {@code max_tokens=4096} and {@code token_count=3} are not), {@code Bearer}
 *       tokens, {@code Basic} credentials, the password in URL user-info
 *       ({@code scheme://user:pass@host}), in Oracle JDBC URLs ({@code user/pass@host}) and in JDBC
 *       {@code password=} parameters.</li>
 * </ul>
 * Redaction is idempotent and never changes text around a masked value.
 */
public final class SecretRedactor {

    public static final String MASK = "***";

    /** Cyclic or absurdly deep input is masked rather than followed. */
    private static final int MAX_DEPTH = 32;

    private static final Pattern SECRET_KEY = Pattern.compile(
            "password|passwd|pwd|passphrase|secret|apikey|accesskey|privatekey|credential"
                    + "|authorization|cookie|token(?!iz)");

    private static final Pattern URL_USER_INFO = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.\\-]*://[^\\s/?#@:]*:)[^\\s/?#]+@");

    private static final Pattern ORACLE_JDBC_CREDENTIALS = Pattern.compile(
            "(?i)(jdbc:oracle:[a-z0-9]+:[^\\s/@:]+/)[^\\s@]+@");

    private static final Pattern BEARER = Pattern.compile(
            "(?i)\\b(bearer\\s+)[A-Za-z0-9\\-._~+/]+=*");

    private static final Pattern BASIC = Pattern.compile(
            "(?i)\\b(basic\\s+)([A-Za-z0-9+/]{4,}={0,2})(?![A-Za-z0-9+/=])");

    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_.\\-])"
                    + "([A-Za-z0-9_.\\-]*(?:password|passwd|pwd|passphrase|secret|token"
                    + "|api[_\\-]?key|access[_\\-]?key|private[_\\-]?key|secret[_\\-]?key"
                    + "|credentials?|authorization))"
                    + "([\"']?\\s*[=:]\\s*)"
                    + "(?!(?:bearer|basic)\\s)"
                    + "(\"[^\"]*\"|'[^']*'|[^\\s\"'&;,)\\]}]+)");

    /** A fragment of every credential word {@link #KEY_VALUE} knows (password, api_key, ...). */
    private static final List<String> CREDENTIAL_WORDS =
            List.of("pass", "pwd", "secret", "token", "key", "credential", "authorization");

    private SecretRedactor() {
    }

    /** Whether values stored under {@code key} are credentials (see the class comment). */
    public static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        StringBuilder normalized = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                normalized.append(Character.toLowerCase(c));
            }
        }
        return SECRET_KEY.matcher(normalized).find();
    }

    /**
     * A copy of {@code value} with secrets masked: maps and lists are copied recursively (map keys
     * become strings), strings are masked with {@link #redactText}, other values are returned as
     * they are.
     */
    public static Object redact(Object value) {
        return redact(value, 0);
    }

    /** {@code text} with embedded credentials masked; {@code null} stays {@code null}. */
    public static String redactText(String text) {
        if (text == null || text.length() < 4 || !mayHoldCredential(text)) {
            return text;
        }
        String result = URL_USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        result = ORACLE_JDBC_CREDENTIALS.matcher(result).replaceAll("$1" + MASK + "@");
        result = BEARER.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        result = BASIC.matcher(result).replaceAll(m -> Matcher.quoteReplacement(
                looksLikeBasicCredentials(m.group(2)) ? m.group(1) + MASK : m.group()));
        result = KEY_VALUE.matcher(result).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2) + maskKeepingQuotes(m.group(3))));
        return result;
    }

    /**
     * False only when none of the text patterns can match: each needs an {@code @} (URL user-info,
     * Oracle JDBC), the word bearer or basic, or a separator and a credential word. Every log value
     * goes through {@link #redactText}, and most (ids, topics, names) hold none of these, so this
     * spares them five regular expressions.
     */
    static boolean mayHoldCredential(String text) {
        if (text.indexOf('@') >= 0) {
            return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("bearer") || lower.contains("basic")) {
            return true;
        }
        if (lower.indexOf('=') < 0 && lower.indexOf(':') < 0) {
            return false;
        }
        for (String word : CREDENTIAL_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static Object redact(Object value, int depth) {
        if (value instanceof String text) {
            return redactText(text);
        }
        if (!(value instanceof Map) && !(value instanceof Collection) && !(value instanceof Object[])) {
            return value;
        }
        if (depth >= MAX_DEPTH) {
            return MASK;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                copy.put(key, isSecretKey(key) && !isCounterLike(v) ? MASK : redact(v, depth + 1));
            });
            return copy;
        }
        Iterable<?> items = value instanceof Object[] array ? List.of(array) : (Collection<?>) value;
        List<Object> copy = new ArrayList<>();
        for (Object item : items) {
            copy.add(redact(item, depth + 1));
        }
        return copy;
    }

    private static boolean isCounterLike(Object value) {
        return value == null || value instanceof Number || value instanceof Boolean;
    }

    private static String maskKeepingQuotes(String value) {
        char first = value.charAt(0);
        return first == '"' || first == '\'' ? first + MASK + first : MASK;
    }

    /** "Basic" is also an English word; only mask it when what follows decodes to {@code user:pass}. */
    private static boolean looksLikeBasicCredentials(String candidate) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(candidate);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        String text = new String(decoded, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return text.indexOf(':') >= 0;
    }
}
