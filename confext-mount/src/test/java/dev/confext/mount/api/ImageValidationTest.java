package dev.confext.mount.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.HostRelease;
import dev.confext.core.api.ImageScanner;
import dev.confext.core.api.Root;
import dev.confext.mount.plan.ImageVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation of directory confexts whose release file cannot be read: as in systemd, such an image simply has
 * no release data (ignored, or merged with {@code --force}); it never makes the verb fail.
 *
 * <pre>
 * R/
 * ├── etc/os-release                                 ID=fakeos VERSION_ID=42
 * └── var/lib/confexts/
 *     ├── good/etc/extension-release.d/extension-release.good        compatible
 *     ├── utf8bad/etc/extension-release.d/extension-release.utf8bad  PRETTY_NAME with bytes ff fe
 *     ├── twofiles/etc/extension-release.d/extension-release.{x1,x2} both user.extension-release.strict=0
 *     └── isdir/etc/extension-release.d/extension-release.isdir/     a directory
 * </pre>
 */
class ImageValidationTest {
    private static final String RELEASE = "ID=fakeos\nVERSION_ID=42\n";

    @TempDir
    Path temp;
    Root root;
    boolean xattrs;

    @BeforeEach
    void tree() throws IOException {
        Path r = temp.resolve("root");
        write(r.resolve("etc/os-release"), RELEASE.getBytes());
        Path c = r.resolve("var/lib/confexts");
        write(c.resolve("good/etc/extension-release.d/extension-release.good"), RELEASE.getBytes());
        byte[] bad = (RELEASE + "PRETTY_NAME=\"").getBytes();
        byte[] utf8bad = new byte[bad.length + 3];
        System.arraycopy(bad, 0, utf8bad, 0, bad.length);
        utf8bad[bad.length] = (byte) 0xff;
        utf8bad[bad.length + 1] = (byte) 0xfe;
        utf8bad[bad.length + 2] = '"';
        write(c.resolve("utf8bad/etc/extension-release.d/extension-release.utf8bad"), utf8bad);
        Path x1 = c.resolve("twofiles/etc/extension-release.d/extension-release.x1");
        Path x2 = c.resolve("twofiles/etc/extension-release.d/extension-release.x2");
        write(x1, RELEASE.getBytes());
        write(x2, RELEASE.getBytes());
        xattrs = strictZero(x1) && strictZero(x2);
        Files.createDirectories(c.resolve("isdir/etc/extension-release.d/extension-release.isdir"));
        root = Root.of(r);
    }

    private static boolean strictZero(Path file) {
        try {
            Files.getFileAttributeView(file, java.nio.file.attribute.UserDefinedFileAttributeView.class)
                    .write("extension-release.strict", java.nio.ByteBuffer.wrap("0".getBytes()));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void write(Path p, byte[] content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }

    private Map<String, ImageVerdict.Status> statuses(boolean force) throws ConfextException {
        List<ImageCandidate> candidates = ImageValidation.validate(ExtensionKind.CONFEXT, root,
                HostRelease.read(root, ExtensionKind.CONFEXT, Map.of()),
                ImageScanner.of(ExtensionKind.CONFEXT, root).discover(), force, Optional.empty());
        Map<String, ImageVerdict.Status> out = new TreeMap<>();
        candidates.forEach(c -> out.put(c.image().name(), c.status()));
        if (!xattrs) {
            out.remove("twofiles"); // without user xattrs on the temp file system it has no fallback at all
        }
        return out;
    }

    @Test
    void validate_unreadableReleaseFiles_rejectedNotBroken() throws ConfextException {
        Map<String, ImageVerdict.Status> expected = new TreeMap<>(Map.of(
                "good", ImageVerdict.Status.ACCEPTED,
                "utf8bad", ImageVerdict.Status.REJECTED,
                "twofiles", ImageVerdict.Status.REJECTED,
                "isdir", ImageVerdict.Status.REJECTED));
        if (!xattrs) {
            expected.remove("twofiles");
        }
        assertEquals(expected, statuses(false));
    }

    @Test
    void validate_unreadableReleaseFilesWithForce_accepted() throws ConfextException {
        Map<String, ImageVerdict.Status> expected = new TreeMap<>(Map.of(
                "good", ImageVerdict.Status.ACCEPTED,
                "utf8bad", ImageVerdict.Status.ACCEPTED,
                "twofiles", ImageVerdict.Status.ACCEPTED,
                "isdir", ImageVerdict.Status.ACCEPTED));
        if (!xattrs) {
            expected.remove("twofiles");
        }
        assertEquals(expected, statuses(true));
    }

    /** Only utf8bad's release file warrants systemd's warning, naming the file by its full path, once. */
    @Test
    void validate_releaseNotUtf8_warnsWithFilePathAndLine() throws ConfextException {
        List<String> warnings = new java.util.ArrayList<>();
        ImageValidation.validate(ExtensionKind.CONFEXT, root, HostRelease.read(root, ExtensionKind.CONFEXT, Map.of()),
                ImageScanner.of(ExtensionKind.CONFEXT, root).discover(), false, Optional.empty(),
                dev.confext.verity.api.DissectEnvironment.defaults(), warnings::add);
        assertEquals(List.of(temp.resolve("root/var/lib/confexts/utf8bad/etc/extension-release.d/extension-release.utf8bad")
                + ":3: invalid UTF-8 value for key PRETTY_NAME: '\uFFFD\uFFFD', ignoring."), warnings);
    }
}
