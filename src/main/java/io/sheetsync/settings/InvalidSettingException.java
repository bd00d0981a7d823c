package io.sheetsync.settings;

/** A runtime setting refused: an unknown name, a value of the wrong JSON type, or one out of its range. */
public final class InvalidSettingException extends Exception {

    private final String field;

    public InvalidSettingException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The setting as the API names it ({@code retryConfig.maxDelayMs}), or null when the body as a whole is wrong. */
    public String field() {
        return field;
    }
}
