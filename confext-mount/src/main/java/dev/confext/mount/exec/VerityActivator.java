package dev.confext.mount.exec;

import dev.confext.mount.api.MountException;
import dev.confext.verity.api.ImageExtent;
import dev.confext.verity.api.RootHash;
import java.util.Optional;

/**
 * Sets up kernel dm-verity protection for an image's data: {@link DeviceMapperVerity} through libcryptsetup, or a
 * fake in tests. The executor mounts the returned device instead of the bare data and then calls
 * {@link #release} so that the device goes away once it is unmounted.
 */
interface VerityActivator {
    /** The data and hash tree of one image, and the root hash that protects them. */
    record Volume(RootHash rootHash, ImageExtent data, ImageExtent hash) {
        /** The device-mapper name: the root hash in lowercase hex with {@code -verity}, as upstream names it. */
        String deviceName() {
            return rootHash.hex() + "-verity";
        }
    }

    /**
     * An activated verity device.
     *
     * @param name   its device-mapper name
     * @param node   the block device to mount, e.g. {@code /dev/mapper/NAME}
     * @param reused whether a device activated earlier (by another merge) was reused
     */
    record Device(String name, String node, boolean reused) {}

    /** Why verity devices cannot be activated on this system; empty when they can. */
    Optional<String> unavailableReason();

    /**
     * Activates {@code volume} read-only. With a signature the kernel must verify it against its keyrings.
     *
     * @throws MountException when the activation fails (the message names the errno, e.g. {@code ENOKEY} when the
     *                        kernel does not trust the signer)
     */
    Device activate(Volume volume, Optional<byte[]> signature) throws MountException;

    /**
     * Called once {@code device} is mounted (or mounting failed): remove it when no longer used.
     *
     * @throws MountException when the device cannot be marked for removal
     */
    void release(Device device) throws MountException;
}
