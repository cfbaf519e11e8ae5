package dev.confext.core.api;

/** The hierarchy override variable holds something that is not a list of absolute, normalised paths. */
public final class HierarchiesException extends ConfextException {
    private static final long serialVersionUID = 1L;

    /** The message starts with "Failed to parse environment variable: " and names the bad element. */
    public HierarchiesException(String message) {
        super(message);
    }
}
