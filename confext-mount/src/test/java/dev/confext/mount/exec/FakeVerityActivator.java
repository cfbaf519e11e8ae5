package dev.confext.mount.exec;

import dev.confext.mount.api.MountException;
import dev.confext.mount.kernel.LoopDevices;
import dev.confext.verity.api.VerificationResult;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityProgressListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stands in for device-mapper on a kernel without it. Like dm-verity it refuses data that does not match the root
 * hash (checked in userspace here, up front), and like a kernel whose keyrings do or do not hold the signer it
 * accepts or refuses signed activation ({@code ENOKEY}). With loop devices it hands out a read-only loop device of
 * the data range, which the executor then really mounts; without, a made-up node (for decision tests that mount
 * nothing). Every call is recorded as {@code "activate signed"}, {@code "activate unsigned"} or {@code "release"}.
 */
final class FakeVerityActivator implements VerityActivator {
    private final boolean kernelTrustsSigner;
    private final boolean loopDevices;
    private boolean absent;
    private final List<String> calls = new ArrayList<>();
    private final Map<String, LoopDevices.LoopDevice> attached = new HashMap<>();
    private MountException activationFailure;

    private FakeVerityActivator(boolean kernelTrustsSigner, boolean loopDevices) {
        this.kernelTrustsSigner = kernelTrustsSigner;
        this.loopDevices = loopDevices;
    }

    /** Hands out loop devices of the data; needs root. */
    static FakeVerityActivator withLoopDevices(boolean kernelTrustsSigner) {
        return new FakeVerityActivator(kernelTrustsSigner, true);
    }

    /** Hands out {@code /dev/mapper/NAME} without creating anything. */
    static FakeVerityActivator recording(boolean kernelTrustsSigner) {
        return new FakeVerityActivator(kernelTrustsSigner, false);
    }

    /** A system without device-mapper: {@link #unavailableReason} says so and activation must not be asked for. */
    static FakeVerityActivator absent() {
        FakeVerityActivator dm = new FakeVerityActivator(false, true);
        dm.absent = true;
        return dm;
    }

    /** Makes every later activation fail with {@code failure}. */
    FakeVerityActivator failingWith(MountException failure) {
        this.activationFailure = failure;
        return this;
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public Optional<String> unavailableReason() {
        if (absent) {
            return Optional.of("this kernel has no device-mapper (fake)");
        }
        return Optional.empty();
    }

    @Override
    public Device activate(Volume volume, Optional<byte[]> signature) throws MountException {
        calls.add(signature.isPresent() ? "activate signed" : "activate unsigned");
        log(calls.get(calls.size() - 1) + " " + volume.deviceName());
        if (absent) {
            throw new AssertionError("activation asked for without device-mapper");
        }
        if (activationFailure != null) {
            throw activationFailure;
        }
        if (signature.isPresent() && !kernelTrustsSigner) {
            throw new MountException("crypt_activate_by_signed_key(" + volume.deviceName()
                    + "): Required key not available (ENOKEY)");
        }
        VerificationResult result;
        try {
            result = VerityFormat.defaults().verifyWithSuperblock(volume.data(), volume.hash(),
                    volume.rootHash().bytes(), VerityProgressListener.NONE);
        } catch (VerityException e) {
            throw new MountException("crypt_activate_by_volume_key(" + volume.deviceName() + "): " + e.getMessage());
        }
        if (!result.intact()) {
            throw new MountException("crypt_activate_by_volume_key(" + volume.deviceName()
                    + "): Invalid argument (EINVAL): " + result.failure().orElseThrow());
        }
        if (!loopDevices) {
            return new Device(volume.deviceName(), "/dev/mapper/" + volume.deviceName(), false);
        }
        LoopDevices.LoopDevice loop = LoopDevices.attachRange(volume.data().file().toString(), volume.data().offset(),
                volume.data().length());
        attached.put(volume.deviceName(), loop);
        log(volume.deviceName() + " is " + loop.path());
        return new Device(volume.deviceName(), loop.path(), false);
    }

    @Override
    public void release(Device device) {
        calls.add("release");
        log("release " + device.name());
        LoopDevices.LoopDevice loop = attached.remove(device.name());
        if (loop != null) {
            loop.close(); // auto-clear: the loop device goes away with the mount
        }
    }

    /** With loop devices (in the {@link ExecutorMain} child) the calls also go to stderr, for the test to read. */
    private void log(String line) {
        if (loopDevices) {
            System.err.println("fake-dm: " + line);
        }
    }
}
