package dev.confext.mount.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The shared signed confext DDI built by {@code systemd-repart} 252 ({@code vectors/ddi}): GPT with
 * {@code root-x86-64} (erofs holding {@code /etc/testconf.conf} and {@code extension-release.testconf},
 * {@code ID=_any}), {@code root-x86-64-verity} and {@code root-x86-64-verity-sig}.
 */
public final class SampleDiskImage {
    /** Its root hash (also the two partition UUIDs, and the signature partition's {@code rootHash}). */
    public static final String ROOT_HASH = "2757364e46ea06e82ad2b7ffceebffea0e8ab27d6f49dc813405cdb1a83f2d46";
    /** Byte offset of the root partition (LBA 2048). */
    public static final long ROOT_OFFSET = 2048L * 512;

    private SampleDiskImage() {}

    /** Unpacks the image to {@code target}. */
    public static Path unpack(Path target) throws IOException {
        Path gz = PlanTestEnvironment.shared().resolve("vectors/ddi/testconf-x86-64.confext.raw.gz");
        Files.createDirectories(target.getParent());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, target);
        }
        return target;
    }

    /** The PEM certificate that signed its root hash. */
    public static Path certificate() {
        return PlanTestEnvironment.shared().resolve("vectors/ddi/test-signing-cert.pem");
    }
}
