package io.sheetsync.sheet;

/** A header mapping (usually the SYNC_MAPPING_FILE) cannot be used; the message names the file and the problem. */
public class InvalidMappingException extends IllegalArgumentException {

    public InvalidMappingException(String message) {
        super(message);
    }

    public InvalidMappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
