package dev.confext.verity.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@link DdiReader} found in an image file.
 *
 * @param path       the image file
 * @param layout     partitioned (GPT) or a bare file system
 * @param sectorSize the GPT's sector size; 512 for bare images
 * @param diskGuid   the GPT disk GUID
 * @param partitions every used GPT entry, in table order
 * @param selected   the partitions chosen per designator, as systemd-dissect would use them (no-auto
 *                   partitions, other architectures' partitions when a better one exists, and partitions
 *                   not matching a known root hash are left out)
 * @param verity     the dm-verity setup, if the image has one
 * @param fileSystems the file system type (blkid's name: {@code erofs}, {@code squashfs}, {@code ext4},
 *                   {@code crypto_LUKS}, ...) of each selected data partition where one was recognised; for a
 *                   bare image under {@code root} (or {@code usr} with a {@code .usrhash})
 * @param notes      problems that did not stop reading (a damaged backup GPT header, partition UUIDs that
 *                   do not match the signed root hash, ...)
 */
public record DdiImage(Path path, Layout layout, int sectorSize, Optional<UUID> diskGuid, List<DdiPartition> partitions,
        Map<PartitionDesignator, DdiPartition> selected, Optional<VerityInfo> verity,
        Map<PartitionDesignator, String> fileSystems, List<String> notes) {

    /** Whether an image has a partition table. */
    public enum Layout {
        /** A GPT disk image. */
        GPT,
        /** A file system without a partition table (possibly with {@code .verity}/{@code .roothash} files). */
        BARE
    }

    public DdiImage {
        partitions = List.copyOf(partitions);
        selected = Map.copyOf(selected);
        fileSystems = Map.copyOf(fileSystems);
        notes = List.copyOf(notes);
    }

    /**
     * How the {@code root} or {@code usr} data is protected. A bare image counts as a root partition, or as usr
     * when its root hash came from a {@code .usrhash} file.
     */
    public PartitionProtection protection(PartitionDesignator designator) {
        if (verity.isPresent() && verity.get().designator() == designator) {
            return verity.get().signature().isPresent() ? PartitionProtection.SIGNED : PartitionProtection.VERITY;
        }
        boolean present = layout == Layout.BARE ? designator == PartitionDesignator.ROOT && verity.isEmpty()
                : selected.containsKey(designator);
        if (!present) {
            return PartitionProtection.ABSENT;
        }
        return "crypto_LUKS".equals(fileSystems.get(designator)) ? PartitionProtection.ENCRYPTED
                : PartitionProtection.UNPROTECTED;
    }

    /** The partition chosen for {@code designator}. */
    public Optional<DdiPartition> selected(PartitionDesignator designator) {
        return Optional.ofNullable(selected.get(designator));
    }
}
