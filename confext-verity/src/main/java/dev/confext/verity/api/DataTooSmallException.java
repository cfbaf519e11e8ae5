package dev.confext.verity.api;

/** The data file does not hold the data blocks the parameters ask for (or not even one block). */
public class DataTooSmallException extends VerityException {
    private static final long serialVersionUID = 1L;
    private final boolean noWholeBlock;

    public DataTooSmallException(String message) {
        this(message, false);
    }

    /** {@code noWholeBlock}: the file holds not even one data block (no block count was asked for). */
    public DataTooSmallException(String message, boolean noWholeBlock) {
        super(message);
        this.noWholeBlock = noWholeBlock;
    }

    /**
     * Whether the file holds not even one data block, rather than fewer than a block count asked
     * for. veritysetup words the two differently ("Header detected but device ... is too small." for
     * the first).
     */
    public boolean noWholeBlock() {
        return noWholeBlock;
    }
}
