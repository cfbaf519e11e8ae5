/**
 * JNA bindings of the Linux mount calls (x86-64): the new mount API ({@code fsopen}, {@code fsconfig},
 * {@code fsmount}, {@code open_tree}, {@code move_mount} including {@code MOVE_MOUNT_BENEATH},
 * {@code mount_setattr}), plain {@code mount(2)}/{@code umount2(2)}, {@code statx}, per-thread
 * {@code unshare(CLONE_NEWNS)}, loop devices through {@code /dev/loop-control} and {@code LOOP_CONFIGURE},
 * file system recognition by superblock magic, and dm-verity devices through libcryptsetup
 * ({@link dev.confext.mount.kernel.VerityDevices}, loaded on first use). Every failure is a
 * {@link dev.confext.mount.api.KernelException} (or, for libcryptsetup, a
 * {@link dev.confext.mount.kernel.CryptSetupException}) naming the call, its subject and the errno.
 */
package dev.confext.mount.kernel;
