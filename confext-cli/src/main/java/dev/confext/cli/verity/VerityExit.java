package dev.confext.cli.verity;

/** Exit statuses of veritysetup, which {@code bin/verity} keeps. */
final class VerityExit {
    static final int OK = 0;
    /** Wrong or missing parameters, unreadable or invalid input, root hash mismatch. */
    static final int INVALID = 1;
    /** A block or padding failed verification. */
    static final int VERIFICATION_FAILED = 2;
    /**
     * veritysetup's status for "out of memory", which it also returns when a {@code --fec-device}
     * named with {@code --no-superblock} does not exist.
     */
    static final int OUT_OF_MEMORY = 3;
    /** A named device or file does not exist. */
    static final int NO_DEVICE = 4;

    private VerityExit() {}

    /**
     * Reports a hash device without a valid superblock as veritysetup does: its line for the field it refused
     * (none for a missing signature), then "Device ... is not a valid VERITY device."; our explanation comes
     * first under {@code --verbose}.
     *
     * @return {@link #INVALID}
     */
    static int notVerityDevice(java.io.PrintStream err, boolean verbose, String hashName,
            dev.confext.verity.api.InvalidSuperblockException e) {
        if (verbose) {
            err.println(e.getMessage());
        }
        if (e.veritySetupMessage().isPresent()) {
            err.println(e.veritySetupMessage().get());
        }
        err.println("Device " + hashName + " is not a valid VERITY device.");
        return INVALID;
    }

    /**
     * Reports a refused parameter with veritysetup's line for it (none for some), with our explanation
     * before that line under {@code --verbose}.
     *
     * @return {@link #INVALID}
     */
    static int invalidParameter(java.io.PrintStream err, boolean verbose, String hashName,
            IllegalArgumentException e) {
        if (!(e instanceof dev.confext.verity.api.InvalidVerityParameterException)) {
            err.println(e.getMessage());
            return INVALID;
        }
        dev.confext.verity.api.InvalidVerityParameterException refused =
                (dev.confext.verity.api.InvalidVerityParameterException) e;
        if (verbose) {
            err.println(e.getMessage());
        }
        java.util.Optional<String> line = refused.veritySetupMessage();
        if (line.isPresent()) {
            err.println(refused.parameter() == dev.confext.verity.api.InvalidVerityParameterException.Parameter.UUID
                    ? line.get() + " on device " + hashName + "." : line.get());
        }
        return INVALID;
    }

    /**
     * Reports a data device that is too small with veritysetup's line: "Header detected but device ... is too
     * small." under one sector, "Hash area overflow." for a tree of no whole block, else {@code otherwise}; our
     * explanation comes before under {@code --verbose}.
     *
     * @return {@link #INVALID}
     */
    static int dataTooSmall(java.io.PrintStream err, boolean verbose, String dataName,
            dev.confext.verity.api.DataTooSmallException e, String otherwise) {
        if (verbose) {
            err.println(e.getMessage());
        }
        if (e.belowOneSector()) {
            err.println("Header detected but device " + dataName + " is too small.");
        } else {
            err.println(e.noWholeBlock() ? "Hash area overflow." : otherwise);
        }
        return INVALID;
    }

    /** veritysetup's {@code --verbose} summary of a failure status. */
    static String describe(int status) {
        switch (status) {
            case INVALID:
                return "Command failed with code -1 (wrong or missing parameters).";
            case VERIFICATION_FAILED:
                return "Command failed with code -2 (no permission or bad passphrase).";
            case OUT_OF_MEMORY:
                return "Command failed with code -3 (out of memory).";
            case NO_DEVICE:
                return "Command failed with code -4 (wrong device or file specified).";
            default:
                return "Command failed with code -" + status + ".";
        }
    }
}
