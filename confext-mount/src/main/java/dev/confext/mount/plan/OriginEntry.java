package dev.confext.mount.plan;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What identifies one merged image in the origin document: its path, and either its verity root hash or
 * the identity of its inode (mount, file handle or inode number, birth and modification time).
 *
 * @param path       the image path inside the root (the root prefix removed, a leading {@code /} kept)
 * @param verityHash the dm-verity root hash as lowercase hex; when present nothing below is recorded
 * @param onMountId  id of the mount the image lives on (unique 64-bit id when available)
 * @param fileHandle the kernel file handle of the image inode, when the file system gives one
 * @param inode      the inode number, recorded only without a file handle
 * @param crtimeUsec birth time in microseconds (0 when unknown)
 * @param mtimeUsec  modification time in microseconds (always 0 for directories)
 */
public record OriginEntry(String path, Optional<String> verityHash, OptionalLong onMountId,
        Optional<FileHandle> fileHandle, OptionalLong inode, OptionalLong crtimeUsec, OptionalLong mtimeUsec) {

    public OriginEntry {
        Objects.requireNonNull(path, "path");
        verityHash = verityHash == null ? Optional.empty() : verityHash.map(h -> h.toLowerCase(java.util.Locale.ROOT));
        onMountId = onMountId == null ? OptionalLong.empty() : onMountId;
        fileHandle = fileHandle == null ? Optional.empty() : fileHandle;
        inode = inode == null ? OptionalLong.empty() : inode;
        crtimeUsec = crtimeUsec == null ? OptionalLong.empty() : crtimeUsec;
        mtimeUsec = mtimeUsec == null ? OptionalLong.empty() : mtimeUsec;
    }

    /** An entry identified by its verity root hash only. */
    public static OriginEntry ofVerity(String path, String verityHash) {
        return new OriginEntry(path, Optional.of(verityHash), OptionalLong.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * An entry identified by its inode: the file handle when there is one, else the inode number.
     */
    public static OriginEntry ofInode(String path, long mountId, Optional<FileHandle> handle, long inode,
            long crtimeUsec, long mtimeUsec) {
        return new OriginEntry(path, Optional.empty(), OptionalLong.of(mountId), handle,
                handle.isPresent() ? OptionalLong.empty() : OptionalLong.of(inode), OptionalLong.of(crtimeUsec),
                OptionalLong.of(mtimeUsec));
    }

    /*
     * equals and hashCode are written out (with the meaning records give them) because a refresh compares
     * origin entries on its critical path, and the generated versions spend tens of milliseconds building
     * method handles on first use in a fresh JVM.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof OriginEntry e && path.equals(e.path) && verityHash.equals(e.verityHash)
                && onMountId.equals(e.onMountId) && fileHandle.equals(e.fileHandle) && inode.equals(e.inode)
                && crtimeUsec.equals(e.crtimeUsec) && mtimeUsec.equals(e.mtimeUsec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, verityHash, onMountId, fileHandle, inode, crtimeUsec, mtimeUsec);
    }
}
