package procos.das.generation.compile;

/**
 * What ProcOS records about a generated process besides its steps, written to the process's
 * {@code camunda:properties} ({@code procos.version}, {@code procos.intent}, …).
 *
 * @param key       the process id (the definition key); derived from the description's name when {@code null}
 * @param version   the generation's version, from 1
 * @param intent    the person's request the process was generated from; free text, stored as plain text
 * @param domain    the business domain; the description's own domain is used when {@code null}
 * @param createdBy who asked for the process
 */
public record ProcessMetadata(String key, int version, String intent, String domain, String createdBy) {
}
