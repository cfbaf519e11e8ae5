package dev.confext.verity.api;

/** A data or hash file named by the caller does not exist or cannot be opened. */
public class DeviceNotFoundException extends VerityException {
    private static final long serialVersionUID = 1L;

    public DeviceNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
