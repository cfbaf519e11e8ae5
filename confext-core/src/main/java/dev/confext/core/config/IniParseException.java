package dev.confext.core.config;

/** A configuration file is broken in a way that makes the whole configuration unusable. */
public final class IniParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public IniParseException(String message) {
        super(message);
    }
}
