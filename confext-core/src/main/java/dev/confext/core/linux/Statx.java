package dev.confext.core.linux;

import java.nio.ByteBuffer;

/**
 * The fields of {@code struct statx} we use, decoded from the kernel's 256-byte buffer.
 *
 * @param mask        which fields the kernel filled ({@code STATX_*})
 * @param attributes  {@code STATX_ATTR_*} bits
 * @param mode        file type and permission bits
 * @param inode       inode number
 * @param btimeSec    birth time, seconds (valid only with {@code STATX_BTIME} in the mask)
 * @param btimeNsec   birth time, nanoseconds part
 * @param mtimeSec    modification time, seconds
 * @param mtimeNsec   modification time, nanoseconds part
 * @param devMajor    major number of the device the inode lives on
 * @param devMinor    minor number of that device
 * @param mountId     the mount id ({@code STATX_MNT_ID} or {@code STATX_MNT_ID_UNIQUE}, per the mask)
 */
public record Statx(int mask, long attributes, int mode, long inode, long btimeSec, int btimeNsec, long mtimeSec,
        int mtimeNsec, int devMajor, int devMinor, long mountId) {

    public static final int STATX_TYPE = 0x1;
    public static final int STATX_MODE = 0x2;
    public static final int STATX_MTIME = 0x40;
    public static final int STATX_INO = 0x100;
    public static final int STATX_BTIME = 0x800;
    public static final int STATX_MNT_ID = 0x1000;
    public static final int STATX_MNT_ID_UNIQUE = 0x4000;
    public static final long STATX_ATTR_MOUNT_ROOT = 0x2000;

    /** Size of the buffer the kernel writes. */
    static final int SIZE = 256;

    private static final int S_IFMT = 0170000;

    /** Decodes the kernel's buffer (native byte order). */
    static Statx decode(ByteBuffer p) {
        return new Statx(p.getInt(0), p.getLong(8), p.getShort(28) & 0xffff, p.getLong(32), p.getLong(80),
                p.getInt(88), p.getLong(112), p.getInt(120), p.getInt(136), p.getInt(140), p.getLong(144));
    }

    /** True when the kernel filled all bits of {@code wanted}. */
    public boolean has(int wanted) {
        return (mask & wanted) == wanted;
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == 0040000;
    }

    public boolean isRegularFile() {
        return (mode & S_IFMT) == 0100000;
    }

    public boolean isSymbolicLink() {
        return (mode & S_IFMT) == 0120000;
    }

    /** The device as {@code MAJOR:MINOR}, the text systemd writes. */
    public String device() {
        return Integer.toUnsignedString(devMajor) + ":" + Integer.toUnsignedString(devMinor);
    }
}
