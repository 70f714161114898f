package procos.kernel.deploy.guard;

/** What the deployment guard checks; the id leads every message of a finding. */
public enum GuardRule {

    /** The file has a DOCTYPE: entities and external DTDs are never read. */
    XML_DOCTYPE("xml.doctype"),
    /** The file is not well-formed XML. */
    XML_MALFORMED("xml.malformed"),
    /** A DMN or CMMN model: their expressions and scripts are not checked, so they are not accepted. */
    MODEL_TYPE("model.type"),
    /** A Java class named by the model ({@code camunda:class}, {@code camunda:formHandlerClass}, …). */
    JAVA_CLASS("java.class"),
    /** {@code camunda:type} other than {@code external}: {@code shell} runs operating-system commands. */
    SERVICE_TYPE("service.type"),
    /** A script task, a {@code camunda:script} or a formal expression with a {@code language}. */
    SCRIPT("script"),
    /** An expression that does more than read variables and call the beans exposed to processes. */
    EXPRESSION("expression"),
    /** A finding of a {@link ModelCheck} installed at run time; its message starts with the check's own rule. */
    VALIDATION("validation");

    private final String id;

    GuardRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
