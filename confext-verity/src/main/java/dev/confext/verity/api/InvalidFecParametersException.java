package dev.confext.verity.api;

/**
 * Forward error correction cannot be used with these parameters: the data and hash block sizes
 * differ, or the number of roots is outside {@link FecParameters#MIN_ROOTS}..{@link FecParameters#MAX_ROOTS}.
 * The message is veritysetup's.
 */
public class InvalidFecParametersException extends VerityException {
    private static final long serialVersionUID = 1L;

    public InvalidFecParametersException(String message) {
        super(message);
    }
}
