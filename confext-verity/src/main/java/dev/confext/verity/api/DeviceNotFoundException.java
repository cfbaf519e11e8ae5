package dev.confext.verity.api;

/**
 * A data, hash or FEC device named by the caller does not exist, cannot be opened, or is neither a
 * regular file nor a block device (veritysetup's exit status 4).
 */
public class DeviceNotFoundException extends VerityException {
    private static final long serialVersionUID = 1L;

    public DeviceNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
