package dev.confext.mount.api;

/** One extension image could not be mounted or read; {@link #image()} names it. */
public final class ImageMountException extends MountException {
    private static final long serialVersionUID = 1L;

    private final String image;
    private final String reason;

    public ImageMountException(String image, String reason) {
        super("Failed to read metadata for image " + image + ": " + reason);
        this.image = image;
        this.reason = reason;
    }

    /** The image name. */
    public String image() {
        return image;
    }

    /** Why, without the image name (e.g. "Package not installed"). */
    public String reason() {
        return reason;
    }
}
