package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.TestEnvironment;
import dev.confext.core.linux.LinuxSyscalls;
import dev.confext.core.testing.HostileRoot;
import dev.confext.core.testing.Tree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree changed while it is being read: a directory of the root is swapped, again and again, with a
 * symlink to a sentinel directory outside the root. Whatever a lookup and the read after it see, they must
 * never read the sentinel (what was resolved is re-opened inside the root and read through a descriptor).
 *
 * <pre>
 * base/
 * ├── outside/etc/os-release                  ID=sentinelos MARKER
 * │          /etc/extension-release.d/extension-release.img   ID=sentinelos MARKER
 * │          /etc/systemd/confext.conf.d/x.conf            [ConfExt] Mutable=import MARKER
 * └── root/
 *     ├── etc/            (swapped with etc.link while the test reads)
 *     │   ├── os-release                      ID=insideos
 *     │   ├── extension-release.d/extension-release.img   ID=insideos
 *     │   └── systemd/confext.conf.d/x.conf   [ConfExt] Mutable=ephemeral
 *     └── etc.link -> BASE/outside/etc
 * </pre>
 */
class HostileRaceTest {
    private static final int READS = 3000;

    @TempDir
    Path base;

    @Test
    void reads_directorySwappedWithOutsideLink_neverReadTheSentinel() throws Exception {
        TestEnvironment.require(LinuxSyscalls.get().isPresent(), "JNA native access to libc (descriptor-based reads)");
        Tree outside = new Tree(base.resolve("outside"));
        String sentinel = "ID=" + HostileRoot.SENTINEL_ID + "\nSENTINEL=" + HostileRoot.MARKER + "\n";
        outside.file("etc/os-release", sentinel);
        outside.file("etc/extension-release.d/extension-release.img", sentinel);
        outside.file("etc/systemd/confext.conf.d/x.conf", "[ConfExt]\nMutable=import\n# " + HostileRoot.MARKER + "\n");
        Tree r = new Tree(base.resolve("root"));
        r.file("etc/os-release", "ID=insideos\n");
        r.file("etc/extension-release.d/extension-release.img", "ID=insideos\n");
        r.file("etc/systemd/confext.conf.d/x.conf", "[ConfExt]\nMutable=ephemeral\n");
        r.symlink("etc.link", outside.path("etc").toString());
        Root root = Root.of(r.base());

        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> swap(r.base(), stop));
        swapper.start();
        int inside = 0;
        try {
            for (int i = 0; i < READS; i++) {
                try {
                    HostRelease release = HostRelease.read(root, ExtensionKind.CONFEXT, Map.of());
                    assertEquals("insideos", release.id());
                    inside++;
                } catch (ConfextException e) {
                    assertFalse(e.getMessage().contains(HostileRoot.MARKER), e.getMessage());
                }
                try {
                    ExtensionRelease.find(root, "img", ExtensionKind.CONFEXT)
                            .ifPresent(f -> assertEquals("insideos", f.values().get("ID")));
                } catch (ConfextException e) {
                    assertFalse(e.getMessage().contains(HostileRoot.MARKER), e.getMessage());
                }
                ExtensionConfig config = ExtensionConfig.read(root, ExtensionKind.CONFEXT);
                assertTrue(config.mutable().isEmpty() || config.mutable().get() == MutableMode.EPHEMERAL,
                        config.toString());
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertTrue(inside > 0, "the inside file was never read");
    }

    /** etc <-> etc.link, by renames (each atomic), until told to stop. */
    private static void swap(Path root, AtomicBoolean stop) {
        Path etc = root.resolve("etc");
        Path real = root.resolve("etc.real");
        Path link = root.resolve("etc.link");
        try {
            while (!stop.get()) {
                Files.move(etc, real, StandardCopyOption.ATOMIC_MOVE);
                Files.move(link, etc, StandardCopyOption.ATOMIC_MOVE);
                Thread.onSpinWait();
                Files.move(etc, link, StandardCopyOption.ATOMIC_MOVE);
                Files.move(real, etc, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
