package dev.confext.core.api;

import java.util.Optional;

/** An env-file (os-release, extension-release) could not be read as a whole. */
public final class EnvFileException extends ConfextException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;
    /** For invalid UTF-8: the line systemd names in its warning, else 0. */
    private final int line;
    /** For invalid UTF-8: what systemd's warning says after {@code FILE:LINE: }, else null. */
    private final String invalidUtf8;
    /** The file that failed, once known. */
    private final transient ResolvedPath file;

    /** An env-file failure with the errno behind it. */
    public EnvFileException(Errno errno, String message) {
        this(errno, message, null, 0, null, null);
    }

    /** An env-file failure with the errno behind it and the I/O failure that caused it. */
    public EnvFileException(Errno errno, String message, Throwable cause) {
        this(errno, message, cause, 0, null, null);
    }

    private EnvFileException(Errno errno, String message, Throwable cause, int line, String invalidUtf8,
            ResolvedPath file) {
        super(message, cause);
        this.errno = errno;
        this.line = line;
        this.invalidUtf8 = invalidUtf8;
        this.file = file;
    }

    /**
     * Invalid UTF-8 in a key or value ({@link Errno#EINVAL}).
     *
     * @param message the exception's message
     * @param line    the line systemd reports: the one after the newline that ended the assignment
     * @param warning the text systemd prints after {@code FILE:LINE: }, e.g. {@code invalid UTF-8 value for key
     *                K: 'V', ignoring.}
     */
    static EnvFileException invalidUtf8(String message, int line, String warning) {
        return new EnvFileException(Errno.EINVAL, message, null, line, warning, null);
    }

    /** This failure as one of reading {@code file}: the message starts with its path, the rest is kept. */
    public EnvFileException in(ResolvedPath file) {
        return new EnvFileException(errno, file.path() + ": " + getMessage(), this, line, invalidUtf8, file);
    }

    /** The file that failed, when the exception came from reading one. */
    public Optional<ResolvedPath> file() {
        return Optional.ofNullable(file);
    }

    /**
     * For invalid UTF-8, the warning systemd prints when it meets it ({@code LABEL:LINE: invalid UTF-8 ...,
     * ignoring.}), naming the file as {@code label}; empty for any other failure.
     */
    public Optional<String> invalidUtf8Warning(String label) {
        return invalidUtf8 == null ? Optional.empty() : Optional.of(label + ":" + line + ": " + invalidUtf8);
    }

    /** {@link Errno#EINVAL} for invalid UTF-8 and for a file over the size limit, else the read error. */
    public Errno errno() {
        return errno;
    }
}
