package dev.confext.verity.api;

/** The data file does not hold the data blocks the parameters ask for (or not even one block). */
public class DataTooSmallException extends VerityException {
    private static final long serialVersionUID = 1L;

    public DataTooSmallException(String message) {
        super(message);
    }
}
