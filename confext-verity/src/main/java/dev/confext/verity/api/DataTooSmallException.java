package dev.confext.verity.api;

/** The data file does not hold the data blocks the parameters ask for (or not even one block). */
public class DataTooSmallException extends VerityException {
    private static final long serialVersionUID = 1L;
    /** The smallest data device veritysetup opens at all: one sector. */
    static final int SECTOR = 512;

    private final boolean noWholeBlock;
    private final long deviceBytes;

    public DataTooSmallException(String message) {
        this(message, false, -1);
    }

    /** {@code noWholeBlock}: the file holds not even one data block (no block count was asked for). */
    public DataTooSmallException(String message, boolean noWholeBlock) {
        this(message, noWholeBlock, -1);
    }

    /** As {@link #DataTooSmallException(String, boolean)}, for a device of {@code deviceBytes} bytes (-1: unknown). */
    public DataTooSmallException(String message, boolean noWholeBlock, long deviceBytes) {
        super(message);
        this.noWholeBlock = noWholeBlock;
        this.deviceBytes = deviceBytes;
    }

    /** Whether the file holds not even one data block, rather than fewer than a block count asked for. */
    public boolean noWholeBlock() {
        return noWholeBlock;
    }

    /** The size of the data device in bytes, -1 when not known. */
    public long deviceBytes() {
        return deviceBytes;
    }

    /**
     * Whether the device is smaller than one 512-byte sector. veritysetup refuses such a data device as soon as
     * it opens it ("Header detected but device ... is too small."), before it reads anything else; a device with
     * a sector but no whole data block gives it a tree of zero blocks, which it refuses as "Hash area overflow.".
     */
    public boolean belowOneSector() {
        return deviceBytes >= 0 && deviceBytes < SECTOR;
    }
}
