package io.sheetsync.audit;

/** A filter of an audit query that cannot be used, with the field it came from and what is wrong with it. */
public final class InvalidQueryException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public InvalidQueryException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
