package dev.pharos.scheduler.api;

/**
 * Input that is well-formed but wrong in a way only the service can tell (a channel id of another owner, settings a
 * channel kind does not take): a 400 problem naming the field, like a bean-validation failure.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The JSON path of the field, for example {@code contacts[1]} or {@code settings.secret}. */
    public String field() {
        return field;
    }
}
