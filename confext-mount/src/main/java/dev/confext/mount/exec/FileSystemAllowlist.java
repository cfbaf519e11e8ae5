package dev.confext.mount.exec;

import dev.confext.mount.api.ImageMountException;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiReader;
import dev.confext.verity.api.DissectEnvironment;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.VerityException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file systems systemd's image dissection is willing to mount: btrfs, erofs, ext4, f2fs, squashfs, vfat
 * and xfs, or the colon-separated list in {@code $SYSTEMD_DISSECT_FILE_SYSTEMS} (an empty value allows none).
 * Types are blkid's names, so an ext2 or ext3 file system is not ext4 here. A LUKS volume is always
 * recognised (it is refused elsewhere). Stateless.
 */
public final class FileSystemAllowlist {
    /** The variable that replaces the built-in list. */
    public static final String VARIABLE = "SYSTEMD_DISSECT_FILE_SYSTEMS";

    private static final List<String> BUILT_IN = List.of("btrfs", "erofs", "ext4", "f2fs", "squashfs", "vfat",
            "xfs");
    private static final String LUKS = "crypto_LUKS";

    private FileSystemAllowlist() {}

    /** The allowed types under {@code environment}. */
    static List<String> allowed(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        if (value == null) {
            return BUILT_IN;
        }
        return Arrays.stream(value.split(":", -1)).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Checks the file system a merge would mount from raw image {@code image} (the image itself, or the root,
     * else usr, partition of a disk image) against the list, as upstream does while reading the image's
     * metadata. Only applies when {@code $SYSTEMD_DISSECT_FILE_SYSTEMS} is set: the built-in list holds every
     * type this library mounts. An image that cannot be read is left to the mounter to report.
     *
     * @throws ImageMountException upstream's "Package not installed" for a bare image of a type not listed
     *                             (blkid is told to look for listed types only, so it finds nothing), and
     *                             "Address family not supported by protocol" for such a partition
     */
    public static void check(String name, Path image, Map<String, String> environment) throws ImageMountException {
        if (!environment.containsKey(VARIABLE)) {
            return;
        }
        DdiImage ddi;
        try {
            ddi = DdiReader.create().withEnvironment(DissectEnvironment.of(environment)).read(image);
        } catch (VerityException e) {
            return;
        }
        List<String> allowed = allowed(environment);
        if (ddi.layout() == DdiImage.Layout.BARE) {
            Optional<String> type = ddi.fileSystems().values().stream().findFirst();
            if (type.isPresent() && !type.get().equals(LUKS) && !allowed.contains(type.get())) {
                throw new ImageMountException(name, "Package not installed (file system " + type.get()
                        + " is not in $" + VARIABLE + ")");
            }
            return;
        }
        Optional<PartitionDesignator> mounted = ddi.selected(PartitionDesignator.ROOT).isPresent()
                ? Optional.of(PartitionDesignator.ROOT)
                : ddi.selected(PartitionDesignator.USR).map(p -> PartitionDesignator.USR);
        Optional<String> type = mounted.map(d -> ddi.fileSystems().get(d));
        if (type.isPresent() && !type.get().equals(LUKS) && !allowed.contains(type.get())) {
            throw new ImageMountException(name, "Address family not supported by protocol (file system "
                    + type.get() + " of partition " + mounted.get() + " is not in $" + VARIABLE + ")");
        }
    }
}
