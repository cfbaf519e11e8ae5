package dev.confext.mount.exec;

import dev.confext.mount.api.MountException;
import dev.confext.mount.kernel.CryptSetupException;
import dev.confext.mount.kernel.LoopDevices;
import dev.confext.mount.kernel.VerityDevices;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Kernel dm-verity through libcryptsetup. The data range and the hash range (superblock at its start) are each
 * attached to a read-only, auto-clearing loop device; the verity mapping holds them, so they go away together
 * with it. A mapping is named after its root hash, so two merges of the same image share one device (when the
 * existing one was activated with the other signature setting, a device named after the data loop device is
 * activated instead). After
 * mounting, the mapping is marked for deferred removal: the kernel removes it when the file system is unmounted.
 * Stateless.
 */
final class DeviceMapperVerity implements VerityActivator {
    static final DeviceMapperVerity SYSTEM = new DeviceMapperVerity();
    private static final int EEXIST = 17;

    private DeviceMapperVerity() {}

    @Override
    public Optional<String> unavailableReason() {
        return VerityDevices.unavailableReason();
    }

    @Override
    public Device activate(Volume volume, Optional<byte[]> signature) throws MountException {
        try (LoopDevices.LoopDevice data = LoopDevices.attachRange(volume.data().file().toString(),
                volume.data().offset(), volume.data().length());
                LoopDevices.LoopDevice hash = LoopDevices.attachRange(volume.hash().file().toString(),
                        volume.hash().offset(), volume.hash().length())) {
            VerityDevices.Activated activated;
            try {
                activated = VerityDevices.activate(volume.deviceName(), data.path(), hash.path(), 0,
                        volume.rootHash().bytes(), signature);
            } catch (CryptSetupException e) {
                if (e.errno() != EEXIST) {
                    throw e;
                }
                // A device of that name cannot be shared (activated with the other signature setting): use one of
                // our own, named after its data device, as upstream falls back to.
                activated = VerityDevices.activate(Path.of(data.path()).getFileName() + "-verity", data.path(),
                        hash.path(), 0, volume.rootHash().bytes(), signature);
            }
            return new Device(activated.name(), activated.node(), activated.reused());
        }
    }

    @Override
    public void release(Device device) throws MountException {
        VerityDevices.deferRemoval(device.name());
    }
}
