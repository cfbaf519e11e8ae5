package dev.confext.verity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.Root;
import dev.confext.verity.signature.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verity.d} directories and certificates linked outside the root are never read.
 *
 * <pre>
 * base/
 * ├── keys/sentinel.{key,crt}, inside.{key,crt}      (made by openssl)
 * ├── outside/etc/verity.d/sentinel.crt              the sentinel certificate (must never be trusted)
 * └── root/
 *     ├── etc/verity.d/abs.crt -> BASE/outside/etc/verity.d/sentinel.crt
 *     ├── etc/verity.d/proc.crt -> /proc/self/root/BASE/outside/etc/verity.d/sentinel.crt
 *     ├── etc/verity.d/fd.crt -> /proc/self/fd/0
 *     ├── etc/verity.d/inside.crt                    the one certificate that counts
 *     ├── run/verity.d -> BASE/outside/etc/verity.d             (a whole directory)
 *     ├── usr/local/lib/verity.d -> /proc/1/root/BASE/outside/etc/verity.d
 *     └── usr/lib/verity.d -> ../../../outside/etc/verity.d     (climbing; clamps to R/outside/...: missing)
 * </pre>
 */
class HostileCertificatesTest {
    @TempDir
    Path base;

    private TestKeys.KeyPair sentinel;
    private Path root;

    private void build() throws Exception {
        Path keys = Files.createDirectories(base.resolve("keys"));
        sentinel = TestKeys.make(keys, "sentinel", "ec");
        TestKeys.KeyPair inside = TestKeys.make(keys, "inside", "ec");
        Path outsideDir = Files.createDirectories(base.resolve("outside/etc/verity.d"));
        Files.copy(sentinel.certificateFile(), outsideDir.resolve("sentinel.crt"));
        root = base.resolve("root");
        Files.createDirectories(root.resolve("etc/verity.d"));
        Files.createDirectories(root.resolve("run"));
        Files.createDirectories(root.resolve("usr/local/lib"));
        Files.createDirectories(root.resolve("usr/lib"));
        Files.copy(inside.certificateFile(), root.resolve("etc/verity.d/inside.crt"));
        String sentinelCrt = outsideDir.resolve("sentinel.crt").toString();
        Files.createSymbolicLink(root.resolve("etc/verity.d/abs.crt"), Path.of(sentinelCrt));
        Files.createSymbolicLink(root.resolve("etc/verity.d/proc.crt"), Path.of("/proc/self/root" + sentinelCrt));
        Files.createSymbolicLink(root.resolve("etc/verity.d/fd.crt"), Path.of("/proc/self/fd/0"));
        Files.createSymbolicLink(root.resolve("run/verity.d"), outsideDir);
        Files.createSymbolicLink(root.resolve("usr/local/lib/verity.d"), Path.of("/proc/1/root" + outsideDir));
        Files.createSymbolicLink(root.resolve("usr/lib/verity.d"), Path.of("../../../outside/etc/verity.d"));
    }

    private void assertOnlyInside(TrustedCertificates trusted) {
        assertEquals(List.of("/etc/verity.d/inside.crt"), trusted.certificates().stream().map(TrustedCertificate::source).toList());
        assertTrue(trusted.certificates().stream().noneMatch(c -> c.certificate().equals(sentinel.certificate())));
        for (SkippedCertificateFile skipped : trusted.skipped()) {
            assertTrue(skipped.path().startsWith("/etc/verity.d/"), skipped.toString());
            assertTrue(!skipped.toString().contains(base.resolve("outside").toString()), skipped.toString());
        }
    }

    @Test
    void load_everyDirectoryAndCertificateLinkedOut_onlyTheInsideCertificate() throws Exception {
        build();

        TrustedCertificates trusted = TrustedCertificates.load(Root.of(root));

        assertOnlyInside(trusted);
        assertEquals(List.of("/etc/verity.d/abs.crt", "/etc/verity.d/fd.crt", "/etc/verity.d/proc.crt"),
                trusted.skipped().stream().map(SkippedCertificateFile::path).toList());
    }

    /** R/etc is swapped, again and again, with a link to BASE/outside/etc while certificates are loaded. */
    @Test
    void load_etcSwappedWithOutsideLink_neverTrustsTheSentinel() throws Exception {
        build();
        Files.createSymbolicLink(root.resolve("etc.link"), base.resolve("outside/etc"));
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            Path etc = root.resolve("etc");
            Path real = root.resolve("etc.real");
            Path link = root.resolve("etc.link");
            try {
                while (!stop.get()) {
                    Files.move(etc, real, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(link, etc, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(etc, link, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(real, etc, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        swapper.start();
        try {
            for (int i = 0; i < 2000; i++) {
                TrustedCertificates trusted = TrustedCertificates.load(Root.of(root));
                assertTrue(trusted.certificates().stream().noneMatch(c -> c.certificate().equals(sentinel.certificate())),
                        "sentinel trusted in round " + i);
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
    }
}
