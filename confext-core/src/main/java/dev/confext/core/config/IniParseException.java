package dev.confext.core.config;

import dev.confext.core.api.Errno;
import java.util.Optional;

/**
 * A configuration file is broken in a way that makes the whole configuration unusable.
 *
 * <p>The message is the first line systemd prints about it; {@link #errno()} is the error the parse
 * fails with, and {@link #where()} the {@code FILE:LINE} of a failure inside the file's text (systemd
 * then adds "FILE:LINE: Failed to parse file: ERROR").
 */
public final class IniParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Errno errno;
    private final String where;

    /** A failure at {@code where} ({@code FILE:LINE}, or {@code null} for one outside the text). */
    public IniParseException(String message, Errno errno, String where) {
        super(message);
        this.errno = errno;
        this.where = where;
    }

    /** The error the parse fails with. */
    public Errno errno() {
        return errno;
    }

    /** {@code FILE:LINE} of a failure inside the file's text. */
    public Optional<String> where() {
        return Optional.ofNullable(where);
    }
}
