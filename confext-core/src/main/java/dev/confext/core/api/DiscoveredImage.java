package dev.confext.core.api;

/**
 * One image found in a search directory, before anything in it was read.
 *
 * @param name       the image name (from the directory entry, suffixes removed)
 * @param type       directory, raw, block, ...
 * @param path       where the entry resolved to inside the root (the target of a symlink, the picked
 *                   file of a {@code .v} directory)
 * @param entryPath  the in-root path of the directory entry that was found
 * @param crtimeUsec birth time in microseconds (the older of statx btime and {@code user.crtime_usec}), 0 if unknown
 * @param mtimeUsec  modification time in microseconds for raw images, 0 for directories and block devices
 * @param readOnly   whether the image is read-only (read-only file system, immutable, or no write permission)
 * @param identity   inode identity used by the refresh-skip check
 */
public record DiscoveredImage(String name, ImageType type, ResolvedPath path, String entryPath, long crtimeUsec,
        long mtimeUsec, boolean readOnly, FileIdentity identity) {

    /** The {@code time} column of {@code list}: mtime if non-zero, else crtime. */
    public long timeUsec() {
        return mtimeUsec != 0 ? mtimeUsec : crtimeUsec;
    }

    /** The file name the image resolved to, as systemd prints it in "Using extensions ...". */
    public String fileName() {
        return path.fileName();
    }
}
