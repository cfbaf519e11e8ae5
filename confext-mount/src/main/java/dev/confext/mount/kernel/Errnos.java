package dev.confext.mount.kernel;

import java.util.Map;

/** Names and texts of the errno values the mount and libcryptsetup calls can return. */
final class Errnos {
    private Errnos() {}

    private static final Map<Integer, String[]> TABLE = Map.ofEntries(
            Map.entry(1, new String[] {"EPERM", "Operation not permitted"}),
            Map.entry(2, new String[] {"ENOENT", "No such file or directory"}),
            Map.entry(5, new String[] {"EIO", "Input/output error"}),
            Map.entry(6, new String[] {"ENXIO", "No such device or address"}),
            Map.entry(9, new String[] {"EBADF", "Bad file descriptor"}),
            Map.entry(12, new String[] {"ENOMEM", "Cannot allocate memory"}),
            Map.entry(13, new String[] {"EACCES", "Permission denied"}),
            Map.entry(15, new String[] {"ENOTBLK", "Block device required"}),
            Map.entry(16, new String[] {"EBUSY", "Device or resource busy"}),
            Map.entry(17, new String[] {"EEXIST", "File exists"}),
            Map.entry(18, new String[] {"EXDEV", "Invalid cross-device link"}),
            Map.entry(19, new String[] {"ENODEV", "No such device"}),
            Map.entry(20, new String[] {"ENOTDIR", "Not a directory"}),
            Map.entry(21, new String[] {"EISDIR", "Is a directory"}),
            Map.entry(22, new String[] {"EINVAL", "Invalid argument"}),
            Map.entry(24, new String[] {"EMFILE", "Too many open files"}),
            Map.entry(25, new String[] {"ENOTTY", "Inappropriate ioctl for device"}),
            Map.entry(28, new String[] {"ENOSPC", "No space left on device"}),
            Map.entry(30, new String[] {"EROFS", "Read-only file system"}),
            Map.entry(38, new String[] {"ENOSYS", "Function not implemented"}),
            Map.entry(40, new String[] {"ELOOP", "Too many levels of symbolic links"}),
            Map.entry(61, new String[] {"ENODATA", "No data available"}),
            Map.entry(74, new String[] {"EBADMSG", "Bad message"}),
            Map.entry(89, new String[] {"EDESTADDRREQ", "Destination address required"}),
            Map.entry(95, new String[] {"EOPNOTSUPP", "Operation not supported"}),
            Map.entry(117, new String[] {"EUCLEAN", "Structure needs cleaning"}),
            Map.entry(126, new String[] {"ENOKEY", "Required key not available"}),
            Map.entry(127, new String[] {"EKEYEXPIRED", "Key has expired"}),
            Map.entry(128, new String[] {"EKEYREVOKED", "Key has been revoked"}),
            Map.entry(129, new String[] {"EKEYREJECTED", "Key was rejected by service"}),
            Map.entry(132, new String[] {"ERFKILL", "Operation not possible due to RF-kill"}));

    static String name(int errno) {
        String[] entry = TABLE.get(errno);
        return entry == null ? "errno " + errno : entry[0];
    }

    static String text(int errno) {
        String[] entry = TABLE.get(errno);
        return entry == null ? "Unknown error " + errno : entry[1];
    }
}
