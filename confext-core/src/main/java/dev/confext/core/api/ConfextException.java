package dev.confext.core.api;

/** Base of every checked exception the library throws; the message is meant for a person. */
public class ConfextException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfextException(String message) {
        super(message);
    }

    public ConfextException(String message, Throwable cause) {
        super(message, cause);
    }
}
