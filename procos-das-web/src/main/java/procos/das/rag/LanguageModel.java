package procos.das.rag;

/**
 * The language model grounded answers are written by. In the server it is the PDE's LLM endpoint;
 * when none is configured {@link #available()} is false and answers are extractive.
 */
public interface LanguageModel {

    /** No model: every answer is extractive. */
    LanguageModel NONE = new LanguageModel() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public String complete(String system, String prompt) {
            throw new IllegalStateException("no language model is configured");
        }
    };

    boolean available();

    /**
     * The model's reply to {@code prompt} under the {@code system} instruction.
     *
     * @throws Exception when the model cannot answer; the caller falls back to an extractive answer
     */
    String complete(String system, String prompt) throws Exception;
}
