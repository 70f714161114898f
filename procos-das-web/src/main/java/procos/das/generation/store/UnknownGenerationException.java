package procos.das.generation.store;

/** No generation request has this id (or the id is not one the store could have issued). */
public class UnknownGenerationException extends Exception {

    public UnknownGenerationException(String id) {
        super("no generation request '" + id + "'");
    }
}
