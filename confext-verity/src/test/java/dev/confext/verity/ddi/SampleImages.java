package dev.confext.verity.ddi;

import dev.confext.verity.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The shared sample images of {@code vectors/ddi} and {@code vectors/sidecar}. */
public final class SampleImages {
    /** Root hash of the sample DDI (= its signature JSON's {@code rootHash}). */
    public static final String DDI_ROOT_HASH = "2757364e46ea06e82ad2b7ffceebffea0e8ab27d6f49dc813405cdb1a83f2d46";
    /** Root hash of the sidecar sample. */
    public static final String SIDECAR_ROOT_HASH = "235fede29376f3c8b3c9e705f9426b84a5f44963784a891d0e4668489de3556c";

    private SampleImages() {}

    /** The gunzipped signed confext DDI (22,056,960 bytes). */
    public static byte[] ddiBytes() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                TestEnvironment.vector("ddi/testconf-x86-64.confext.raw.gz")))) {
            return in.readAllBytes();
        }
    }

    /** Writes the gunzipped DDI into {@code directory} under {@code name}. */
    public static Path ddi(Path directory, String name) throws IOException {
        Path image = directory.resolve(name);
        Files.write(image, ddiBytes());
        return image;
    }

    /** Copies {@code sidecar.raw} and its sidecar files into {@code directory}; returns the image. */
    public static Path sidecar(Path directory) throws IOException {
        for (String name : new String[] {"sidecar.raw", "sidecar.roothash", "sidecar.roothash.p7s", "sidecar.verity"}) {
            Files.copy(TestEnvironment.vector("sidecar/" + name), directory.resolve(name));
        }
        return directory.resolve("sidecar.raw");
    }

    /** The signing certificate of both samples (PEM). */
    public static byte[] certificate() throws IOException {
        return Files.readAllBytes(TestEnvironment.vector("ddi/test-signing-cert.pem"));
    }
}
