package dev.confext.cli.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.HostRelease;
import dev.confext.core.api.Root;
import dev.confext.core.api.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a mounted raw confext's content decides; each image is a plain directory standing in for the mounted
 * file system.
 *
 * <pre>
 * host/etc/os-release                                        ID=fakeos VERSION_ID=42
 * good/etc/extension-release.d/extension-release.good        compatible
 * utf8bad/etc/extension-release.d/extension-release.utf8bad  PRETTY_NAME with bytes ff fe
 * norel/etc/norel.conf                                       no release file for either kind
 * ostree/usr/lib/os-release + etc/extension-release.d/...    an OS tree
 * loop/etc/extension-release.d/extension-release.loop -> extension-release.loop
 * notdir/etc/extension-release.d/extension-release.notdir -> /etc/notdir.conf/x
 * </pre>
 */
class MountedImageValidatorTest {
    private static final String RELEASE = "ID=fakeos\nVERSION_ID=42\n";

    @TempDir
    Path temp;
    MountedImageValidator validator;

    @BeforeEach
    void host() throws Exception {
        Path host = temp.resolve("host");
        write(host.resolve("etc/os-release"), RELEASE.getBytes());
        validator = new MountedImageValidator(ExtensionKind.CONFEXT,
                HostRelease.read(Root.of(host), ExtensionKind.CONFEXT, Map.of()));
    }

    private static void write(Path p, byte[] content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }

    private Root image(String name, byte[] release) throws IOException {
        Path dir = temp.resolve(name);
        write(dir.resolve("etc/" + name + ".conf"), name.getBytes());
        if (release != null) {
            write(dir.resolve("etc/extension-release.d/extension-release." + name), release);
        }
        return Root.of(dir);
    }

    @Test
    void validate_compatibleRelease_accepted() throws Exception {
        assertTrue(validator.validate("good", image("good", RELEASE.getBytes())).compatible());
    }

    @Test
    void validate_releaseNotUtf8_ignoredAsNoReleaseData() throws Exception {
        byte[] text = (RELEASE + "PRETTY_NAME=\"xx\"\n").getBytes();
        int at = text.length - 4;
        text[at] = (byte) 0xff;
        text[at + 1] = (byte) 0xfe;
        Verdict verdict = validator.validate("utf8bad", image("utf8bad", text));
        assertFalse(verdict.compatible());
        assertTrue(verdict.reason().contains("carries no release data"), verdict.reason());
    }

    @Test
    void validate_noReleaseFile_fatalNoMedium() throws Exception {
        Root norel = image("norel", null);
        ConfextException e = assertThrows(ConfextException.class, () -> validator.validate("norel", norel));
        assertEquals("No medium found", e.getMessage());
    }

    @Test
    void validate_osTree_ignored() throws Exception {
        Root ostree = image("ostree", RELEASE.getBytes());
        write(temp.resolve("ostree/usr/lib/os-release"), RELEASE.getBytes());
        assertFalse(validator.validate("ostree", ostree).compatible());
    }

    /**
     * Every file systemd reads from a mounted image is checked, in systemd's order, and named by its role:
     * <pre>
     * meta/etc/machine-info                                  M=0xff
     * meta/usr/lib/os-release                                O=0xfe   (an OS tree: still read first)
     * meta/etc/extension-release.d/extension-release.meta    C=0xfd   (this confext's own file)
     * meta/usr/lib/extension-release.d/extension-release.meta  S=0xfc (the sysext file, read before it)
     * </pre>
     */
    @Test
    void validate_metadataNotUtf8_warnsAsSystemdInItsOrder() throws Exception {
        List<String> warnings = new ArrayList<>();
        MountedImageValidator warning = new MountedImageValidator(ExtensionKind.CONFEXT,
                HostRelease.read(Root.of(temp.resolve("host")), ExtensionKind.CONFEXT, Map.of()), warnings::add);
        Root meta = image("meta", new byte[] {'C', '=', (byte) 0xfd, '\n'});
        write(temp.resolve("meta/etc/machine-info"), new byte[] {'M', '=', (byte) 0xff});
        write(temp.resolve("meta/usr/lib/os-release"), new byte[] {'O', '=', (byte) 0xfe});
        write(temp.resolve("meta/usr/lib/extension-release.d/extension-release.meta"),
                new byte[] {'S', '=', (byte) 0xfc});
        assertFalse(warning.validate("meta", meta).compatible());
        assertEquals(List.of(
                "machine-info:1: invalid UTF-8 value for key M: '\uFFFD', ignoring.",
                "os-release:1: invalid UTF-8 value for key O: '\uFFFD', ignoring.",
                "sysext-release:1: invalid UTF-8 value for key S: '\uFFFD', ignoring.",
                "confext-release:2: invalid UTF-8 value for key C: '\uFFFD', ignoring."), warnings);
    }

    @Test
    void validate_releaseFileCannotBeFollowed_fatalWithTheErrnoAlone() throws Exception {
        Root loop = image("loop", null);
        Files.createDirectories(temp.resolve("loop/etc/extension-release.d"));
        Files.createSymbolicLink(temp.resolve("loop/etc/extension-release.d/extension-release.loop"),
                Path.of("extension-release.loop"));
        ConfextException e = assertThrows(ConfextException.class, () -> validator.validate("loop", loop));
        assertEquals("Too many levels of symbolic links", e.getMessage());

        Root notdir = image("notdir", null);
        Files.createDirectories(temp.resolve("notdir/etc/extension-release.d"));
        Files.createSymbolicLink(temp.resolve("notdir/etc/extension-release.d/extension-release.notdir"),
                Path.of("/etc/notdir.conf/x"));
        e = assertThrows(ConfextException.class, () -> validator.validate("notdir", notdir));
        assertEquals("Not a directory", e.getMessage());
    }
}
