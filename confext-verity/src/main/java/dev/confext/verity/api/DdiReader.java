package dev.confext.verity.api;

import dev.confext.core.api.Architecture;
import dev.confext.verity.ddi.ImageDissector;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads Discoverable Disk Images and bare file-system images with verity sidecar files: the GPT, the
 * partitions' roles, the verity superblock, the root hash and its signature. Nothing is mounted or activated
 * and signatures are not verified here (see {@link RootHashSignatures#verify}).
 *
 * <p>Stateless and thread-safe.
 */
public final class DdiReader {
    private final Optional<Architecture> nativeArchitecture;

    private DdiReader(Optional<Architecture> nativeArchitecture) {
        this.nativeArchitecture = nativeArchitecture;
    }

    /** A reader that prefers partitions for the running kernel's architecture. */
    public static DdiReader create() {
        return new DdiReader(Architecture.host());
    }

    /** A reader that prefers partitions for {@code nativeArchitecture} (then its secondary one). */
    public static DdiReader forArchitecture(Architecture nativeArchitecture) {
        return new DdiReader(Optional.of(nativeArchitecture));
    }

    /**
     * Reads {@code image} and its sidecar files ({@code NAME.roothash}, {@code NAME.roothash.p7s},
     * {@code NAME.verity}, {@code NAME.usrhash}, {@code NAME.usrhash.p7s} next to {@code NAME.raw}).
     *
     * @throws InvalidImageException when the partition table, the signature partition, the sidecar files or the
     *                               verity superblock are malformed or do not fit together
     * @throws VerityException       when a file cannot be read
     */
    public DdiImage read(Path image) throws VerityException {
        return ImageDissector.dissect(image, nativeArchitecture);
    }
}
