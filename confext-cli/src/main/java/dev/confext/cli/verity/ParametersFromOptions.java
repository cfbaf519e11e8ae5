package dev.confext.cli.verity;

import dev.confext.verity.api.VerityParameters;

/** Turns the command-line options into {@link VerityParameters}; bad values throw {@link IllegalArgumentException}. */
final class ParametersFromOptions {
    private ParametersFromOptions() {}

    static VerityParameters of(VerityOptions o) {
        return of(o, true);
    }

    /**
     * As {@link #of(VerityOptions)}; without {@code withUuid} the {@code --uuid} option is ignored,
     * as veritysetup's {@code verify} ignores it.
     */
    static VerityParameters of(VerityOptions o, boolean withUuid) {
        VerityParameters.Builder b = VerityParameters.builder()
                .algorithm(o.hash)
                .format(o.format)
                .dataBlockSize(o.dataBlockSize)
                .hashBlockSize(o.hashBlockSize)
                .hashOffset(o.hashOffset)
                .dataBlocks(o.dataBlocks)
                .superblock(!o.noSuperblock);
        if (o.salt != null) {
            b.salt(o.salt);
        }
        if (withUuid && o.uuid != null) {
            b.uuid(o.uuid);
        }
        return b.build();
    }
}
