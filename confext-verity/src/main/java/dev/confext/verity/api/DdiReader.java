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
    private final DissectEnvironment environment;

    private DdiReader(Optional<Architecture> nativeArchitecture, DissectEnvironment environment) {
        this.nativeArchitecture = nativeArchitecture;
        this.environment = environment;
    }

    /** A reader that prefers partitions for the running kernel's architecture. */
    public static DdiReader create() {
        return new DdiReader(Architecture.host(), DissectEnvironment.defaults());
    }

    /** A reader that prefers partitions for {@code nativeArchitecture} (then its secondary one). */
    public static DdiReader forArchitecture(Architecture nativeArchitecture) {
        return new DdiReader(Optional.of(nativeArchitecture), DissectEnvironment.defaults());
    }

    /**
     * The same reader looking for verity data only where {@code environment} allows: no sidecar files (nor
     * {@code user.verity.*} xattrs) without {@link DissectEnvironment#sidecars()}, no signature partition
     * without {@link DissectEnvironment#embeddedSignature()}, no root hash from the partition UUIDs without
     * {@link DissectEnvironment#guessRootHash()}. A disk image whose verity partition is found but whose root
     * hash is known from nowhere then has no {@link DdiImage#verity()}, as systemd then sets up no dm-verity.
     */
    public DdiReader withEnvironment(DissectEnvironment environment) {
        return new DdiReader(nativeArchitecture, environment);
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
        return ImageDissector.dissect(image, nativeArchitecture, environment);
    }
}
