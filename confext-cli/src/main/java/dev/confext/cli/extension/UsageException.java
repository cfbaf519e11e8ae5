package dev.confext.cli.extension;

/**
 * A command line that cannot be run: the message is printed on stderr as is and the tool exits with
 * status 1, as systemd does for a bad option or verb.
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
