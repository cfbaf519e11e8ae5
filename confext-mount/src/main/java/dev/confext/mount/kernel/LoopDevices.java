package dev.confext.mount.kernel;

import com.sun.jna.Memory;
import dev.confext.mount.api.KernelException;
import java.nio.charset.StandardCharsets;

/**
 * Attaches image files to loop devices through {@code /dev/loop-control} and {@code LOOP_CONFIGURE}:
 * read-only, auto-clear (the device goes away when its last user, normally the mounted file system, lets
 * go), direct I/O off, partition scanning on request.
 */
public final class LoopDevices {
    private LoopDevices() {}

    private static final long LOOP_CTL_GET_FREE = 0x4C82;
    private static final long LOOP_CONFIGURE = 0x4C0A;
    private static final int LO_FLAGS_READ_ONLY = 1;
    private static final int LO_FLAGS_AUTOCLEAR = 4;
    private static final int LO_FLAGS_PARTSCAN = 8;
    private static final int LOOP_CONFIG_SIZE = 304;
    private static final int ATTEMPTS = 64;

    /**
     * Attaches {@code imagePath} to a free loop device.
     *
     * @param imagePath the image file
     * @param partscan  whether the kernel should scan a partition table
     * @return an open read-only descriptor of the loop device; the device clears itself when the last
     *         descriptor and mount are gone
     * @throws KernelException when no device can be configured
     */
    public static LoopDevice attach(String imagePath, boolean partscan) throws KernelException {
        return attach(imagePath, partscan, 0, 0);
    }

    /**
     * Attaches the byte range {@code [offset, offset + sizeLimit)} of {@code imagePath} (one partition of a disk
     * image) to a free loop device, without partition scanning.
     *
     * @param imagePath the image file
     * @param offset    where the range starts, in bytes (a multiple of 512)
     * @param sizeLimit its length in bytes
     * @return an open read-only descriptor of the loop device, as {@link #attach(String, boolean)}
     * @throws KernelException when no device can be configured
     */
    public static LoopDevice attachRange(String imagePath, long offset, long sizeLimit) throws KernelException {
        if (offset < 0 || sizeLimit <= 0) {
            throw new IllegalArgumentException("bad range " + offset + "+" + sizeLimit);
        }
        return attach(imagePath, false, offset, sizeLimit);
    }

    private static LoopDevice attach(String imagePath, boolean partscan, long offset, long sizeLimit)
            throws KernelException {
        try (Fd image = Kernel.open(imagePath, Kernel.O_RDONLY); Fd control = Kernel.open("/dev/loop-control",
                2 /* O_RDWR */)) {
            KernelException last = null;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                long number = Kernel.ioctl(control, LOOP_CTL_GET_FREE, 0L, "ioctl(LOOP_CTL_GET_FREE)");
                String path = "/dev/loop" + number;
                Fd device;
                try {
                    device = Kernel.open(path, Kernel.O_RDONLY);
                } catch (KernelException e) {
                    last = e;
                    continue;
                }
                try (Memory config = new Memory(LOOP_CONFIG_SIZE)) {
                    config.clear();
                    config.setInt(0, image.number());
                    config.setInt(4, 0); // block size: the image file's
                    config.setLong(8 + 24, offset); // loop_info64.lo_offset
                    config.setLong(8 + 32, sizeLimit); // loop_info64.lo_sizelimit, 0 = to the end
                    int flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR | (partscan ? LO_FLAGS_PARTSCAN : 0);
                    config.setInt(8 + 52, flags);
                    byte[] name = imagePath.getBytes(StandardCharsets.UTF_8);
                    config.write(8 + 56, name, 0, Math.min(name.length, 63));
                    Kernel.ioctl(device, LOOP_CONFIGURE, config, "ioctl(LOOP_CONFIGURE)");
                    return new LoopDevice(path, device);
                } catch (KernelException e) {
                    device.close();
                    last = e;
                    if (e.errno() != 16 /* EBUSY: taken by someone else meanwhile */) {
                        throw e;
                    }
                }
            }
            throw last;
        }
    }

    /**
     * A configured loop device.
     *
     * @param path       {@code /dev/loopN}
     * @param descriptor open read-only; close it once the file system is mounted
     */
    public record LoopDevice(String path, Fd descriptor) implements AutoCloseable {
        @Override
        public void close() {
            descriptor.close();
        }
    }
}
