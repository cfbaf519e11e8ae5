package dev.confext.cli.verity;

import dev.confext.verity.api.VerityParameters;

/** Turns the command-line options into {@link VerityParameters}; bad values throw {@link IllegalArgumentException}. */
final class ParametersFromOptions {
    private ParametersFromOptions() {}

    /**
     * The parameters of {@code verify --no-superblock}, checked in veritysetup's order (the salt's digits; the
     * format, block sizes and hash offset; the algorithm; the block count; the salt's length), so that the first
     * problem reported is the one it reports. {@code --uuid} is ignored, as veritysetup's {@code verify} ignores it.
     */
    static VerityParameters of(VerityOptions o) {
        byte[] salt = o.salt == null ? null : VerityParameters.parseSalt(o.salt);
        VerityParameters.Builder b = layout(o).algorithm(o.hash).dataBlocks(o.dataBlocks);
        if (salt != null) {
            b.salt(salt);
        }
        return b.build();
    }

    /**
     * The options veritysetup checks right after the salt's digits, in its order: format, data and hash block
     * sizes, hash offset; and whether there is a superblock.
     */
    static VerityParameters.Builder layout(VerityOptions o) {
        return VerityParameters.builder()
                .format(o.format)
                .dataBlockSize(o.dataBlockSize)
                .hashBlockSize(o.hashBlockSize)
                .hashOffset(o.hashOffset)
                .superblock(!o.noSuperblock);
    }
}
