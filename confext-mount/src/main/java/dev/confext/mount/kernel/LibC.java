package dev.confext.mount.kernel;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The few libc entry points the mount layer calls; everything else goes through {@code syscall(2)}. */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    long syscall(long number, Object... args);

    int open(String path, int flags, int mode);

    int close(int fd);

    int ioctl(int fd, long request, Object... args);

    int mount(String source, String target, String type, long flags, Pointer data);

    int umount2(String target, int flags);

    int unshare(int flags);

}
