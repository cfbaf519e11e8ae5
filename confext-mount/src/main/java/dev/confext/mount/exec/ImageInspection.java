package dev.confext.mount.exec;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.ImageType;
import dev.confext.core.api.Root;
import dev.confext.mount.api.MountException;
import dev.confext.mount.kernel.Fd;
import dev.confext.mount.kernel.Kernel;
import dev.confext.verity.api.DissectEnvironment;
import java.nio.file.Path;
import java.util.Optional;

/** Mounts one image in a throw-away private namespace and reads something from it. */
public final class ImageInspection {
    private static final Path STAGING = Path.of("/run/systemd/sysext");

    /** What to read from the mounted image. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Root mounted) throws ConfextException;
    }

    private ImageInspection() {}

    /**
     * Mounts {@code image} read-only, runs {@code reader} on it and lets the namespace go. A disk image's
     * partition is chosen under the dissection switches of {@code environment}, as a merge would choose it.
     */
    public static <T> T withMounted(DiscoveredImage image, DissectEnvironment environment, Reader<T> reader)
            throws ConfextException {
        Object[] result = new Object[1];
        ConfextException[] failure = new ConfextException[1];
        try (MountNamespaceWorker worker = MountNamespaceWorker.start()) {
            worker.call(() -> {
                try (Fd context = Kernel.fsopen("tmpfs")) {
                    Kernel.setString(context, "mode", "0700");
                    Kernel.create(context);
                    ImageMounter.mkdirs(STAGING);
                    try (Fd tmp = Kernel.fsmount(context, 0)) {
                        Kernel.attach(tmp, STAGING.toString());
                    }
                }
                Path target = STAGING.resolve("inspect");
                ImageMounter.mkdirs(target);
                Path source = image.path().hostPath();
                if (image.type() == ImageType.RAW || image.type() == ImageType.BLOCK) {
                    ImageMounter.mountRaw(image.name(), source, target, Optional.empty(), environment);
                } else {
                    ImageMounter.mountDirectory(source, target);
                }
                try {
                    result[0] = reader.read(Root.of(target));
                } catch (MountException e) {
                    throw e;
                } catch (ConfextException e) {
                    failure[0] = e;
                }
                return null;
            });
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
