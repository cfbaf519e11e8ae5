package dev.confext.mount.exec;

import dev.confext.mount.api.ImageMountException;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.DdiReader;
import dev.confext.verity.api.DissectEnvironment;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.VerityException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the partition of a Discoverable Disk Image (GPT) that a merge mounts: the root partition for this
 * architecture, else the usr partition (usr-only images), as systemd-dissect selects them. Stateless.
 */
final class DiskImagePartitions {
    private static final DdiReader READER = DdiReader.create();

    private DiskImagePartitions() {}

    /**
     * Reads the partition table, partition roles, verity partition and signature partition of {@code image},
     * taking verity data only from where {@code environment} allows.
     *
     * @throws ImageMountException when the table or the verity data are malformed or unreadable
     */
    static DdiImage read(String name, Path image, DissectEnvironment environment) throws ImageMountException {
        try {
            return READER.withEnvironment(environment).read(image);
        } catch (VerityException e) {
            throw new ImageMountException(name, "Failed to dissect image: " + e.getMessage());
        }
    }

    /**
     * The data partition to mount: root, else usr.
     *
     * @throws ImageMountException when the image has neither (for this or a compatible architecture)
     */
    static DdiPartition dataPartition(String name, DdiImage image) throws ImageMountException {
        Optional<DdiPartition> chosen = image.selected(PartitionDesignator.ROOT)
                .or(() -> image.selected(PartitionDesignator.USR));
        if (chosen.isEmpty()) {
            throw new ImageMountException(name, "No root or /usr partition for this architecture in the disk image");
        }
        return chosen.get();
    }

    /** The designator ({@code root} or {@code usr}) of a partition chosen by {@link #dataPartition}. */
    static PartitionDesignator designatorOf(DdiPartition partition) {
        return partition.type().designator().orElse(PartitionDesignator.ROOT);
    }
}
