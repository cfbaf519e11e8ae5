package dev.confext.core.api;

/** The Linux error names the library reports, with the text {@code strerror} gives for them. */
public enum Errno {
    ENOENT(2, "No such file or directory"),
    EIO(5, "Input/output error"),
    EBADF(9, "Bad file descriptor"),
    EACCES(13, "Permission denied"),
    EBUSY(16, "Device or resource busy"),
    EXDEV(18, "Invalid cross-device link"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    EROFS(30, "Read-only file system"),
    ENAMETOOLONG(36, "File name too long"),
    ELOOP(40, "Too many levels of symbolic links"),
    ECHRNG(44, "Channel number out of range"),
    EBADFD(77, "File descriptor in bad state"),
    ENOTUNIQ(76, "Name not unique on network"),
    EOPNOTSUPP(95, "Operation not supported"),
    ENOMEDIUM(123, "No medium found"),
    ENOKEY(126, "Required key not available"),
    EPERM(1, "Operation not permitted"),
    EPROTO(71, "Protocol error"),
    EBADMSG(74, "Bad message"),
    EAGAIN(11, "Resource temporarily unavailable"),
    EEXIST(17, "File exists"),
    ENOSYS(38, "Function not implemented"),
    EUNATCH(49, "Protocol driver not attached"),
    EBADSLT(57, "Invalid slot"),
    ENODATA(61, "No data available"),
    EOVERFLOW(75, "Value too large for defined data type"),
    EREMOTE(66, "Object is remote");

    private final int number;
    private final String text;

    Errno(int number, String text) {
        this.number = number;
        this.text = text;
    }

    /** The numeric value on Linux. */
    public int number() {
        return number;
    }

    /** What {@code strerror(3)} says for it, e.g. "Too many levels of symbolic links". */
    public String text() {
        return text;
    }

    /** The errno for a Linux error number, or {@code EIO} when the number is not one of ours. */
    public static Errno ofNumber(int number) {
        for (Errno e : values()) {
            if (e.number == number) {
                return e;
            }
        }
        return EIO;
    }
}
