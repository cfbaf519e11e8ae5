package dev.confext.core.api;

/** The hierarchy override variable holds something that is not a list of absolute, normalised paths. */
public final class HierarchiesException extends ConfextException {
    private static final long serialVersionUID = 1L;

    private final String detail;

    /**
     * The message is systemd's "Failed to determine KIND hierarchies: Invalid argument"; {@code detail} names
     * the bad element (systemd logs that part at debug level only).
     */
    public HierarchiesException(ExtensionKind kind, String detail) {
        super("Failed to determine " + kind.word() + " hierarchies: " + Errno.EINVAL.text());
        this.detail = detail;
    }

    /** What is wrong with the variable, e.g. "Path '' is not absolute, refusing." */
    public String detail() {
        return detail;
    }
}
