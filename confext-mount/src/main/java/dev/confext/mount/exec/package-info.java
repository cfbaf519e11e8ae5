/**
 * The executor: applies a {@link dev.confext.mount.plan.MergePlan} to the caller's mount namespace.
 *
 * <p>Staging decision. The overlay refers to its layers by path, and the kernel shows those paths in
 * {@code /proc/self/mountinfo}, where tools (and upstream's own conventions) expect
 * {@code /run/systemd/sysext/meta/<H>}, {@code /run/systemd/sysext/<kind>s/<name>/<H>} and the bare host
 * hierarchy. So images are mounted in a staging tmpfs at {@code /run/systemd/sysext} exactly as upstream
 * does, but inside a private mount namespace owned by one dedicated thread
 * ({@link dev.confext.mount.exec.MountNamespaceWorker}, {@code unshare(CLONE_NEWNS)} on that thread only).
 * There the old overlay is detached first, so the host layer path resolves to the bare directory while
 * readers in the caller's namespace still see the old merge. The finished overlay (with its read-only
 * metadata bind mount and the carried-over sub-mounts) is cloned into a detached mount tree
 * ({@code open_tree(OPEN_TREE_CLONE | AT_RECURSIVE)}) and attached in the caller's namespace with one
 * {@code move_mount}: beneath the old overlay ({@code MOVE_MOUNT_BENEATH}, Linux 6.5) when there is one,
 * which is then detached. The staging area dies with the thread's namespace. fd-based
 * {@code lowerdir+} (Linux 6.8) would avoid path staging but hides the layer paths from mountinfo.
 *
 * <p>Verity. With device-mapper, an image with verity data is mounted through a dm-verity device
 * ({@link dev.confext.mount.exec.VerityActivation} decides by the image policy, a
 * {@link dev.confext.mount.exec.VerityActivator} activates); without it, {@code DiskImageProtection} and
 * {@code UserspaceVerity} apply the policy and the opt-in userspace check.
 */
package dev.confext.mount.exec;
