package dev.confext.core.api;

/** An image policy string could not be parsed; {@link #errnoName()} is upstream's errno for it. */
public final class ImagePolicyException extends ConfextException {
    private static final long serialVersionUID = 1L;

    /** Why a policy string was refused, with the errno systemd reports. */
    public enum Reason {
        /** A designator given twice, or two defaults. */
        DUPLICATE("ENOTUNIQ"),
        /** A designator that is not one of {@link PartitionDesignator}. */
        UNKNOWN_DESIGNATOR("EBADSLT"),
        /** A flag that is not one of {@link PolicyFlag} nor a shortcut. */
        UNKNOWN_FLAG("EBADRQC"),
        /** A malformed rule (e.g. no {@code =}). */
        SYNTAX("EINVAL");

        private final String errnoName;

        Reason(String errnoName) {
            this.errnoName = errnoName;
        }

        /** {@code ENOTUNIQ}, {@code EBADSLT}, {@code EBADRQC} or {@code EINVAL}. */
        public String errnoName() {
            return errnoName;
        }
    }

    private final Reason reason;

    /** A refused policy string, why, and a message naming the bad part. */
    public ImagePolicyException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the string was refused. */
    public Reason reason() {
        return reason;
    }

    /** {@code ENOTUNIQ}, {@code EBADSLT}, {@code EBADRQC} or {@code EINVAL}. */
    public String errnoName() {
        return reason.errnoName();
    }
}
