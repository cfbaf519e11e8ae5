package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.testing.Tree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §4.2. The image root I is a confext directory image:
 * <pre>
 *   I/etc/extension-release.d/extension-release.*
 * </pre>
 */
class ExtensionReleaseTest {
    private static final String DIR = "/etc/extension-release.d/";

    @TempDir
    Path temp;
    private Tree tree;
    private Root image;

    @BeforeEach
    void setUp() {
        tree = new Tree(temp);
        image = Root.of(temp);
    }

    private Optional<ReleaseFile> find(String name) throws ConfextException {
        return ExtensionRelease.find(image, name, ExtensionKind.CONFEXT);
    }

    @Test
    void find_exactName() throws Exception {
        tree.file(DIR + "extension-release.foo", "ID=fakeos\nVERSION_ID=42\n");
        ReleaseFile file = find("foo").orElseThrow();
        assertEquals(DIR + "extension-release.foo", file.path());
        assertEquals(Map.of("ID", "fakeos", "VERSION_ID", "42"), file.values());
    }

    @Test
    void find_exactNameSymlinkInsideImage() throws Exception {
        tree.file("/usr/share/rel", "ID=x").symlink(DIR + "extension-release.foo", "/usr/share/rel");
        assertEquals(Map.of("ID", "x"), find("foo").orElseThrow().values());
    }

    @Test
    void find_sysextDirectory() throws Exception {
        tree.file("/usr/lib/extension-release.d/extension-release.foo", "ID=s");
        assertEquals(Map.of("ID", "s"),
                ExtensionRelease.find(image, "foo", ExtensionKind.SYSEXT).orElseThrow().values());
        assertEquals(Optional.empty(), find("foo"));
    }

    @Test
    void find_noDirectory_empty() throws Exception {
        assertEquals(Optional.empty(), find("foo"));
    }

    @Test
    void find_fallbackByBaseName() throws Exception {
        tree.file(DIR + "extension-release.versioned", "ID=v");
        assertEquals(Map.of("ID", "v"), find("versioned_1.2").orElseThrow().values());
        assertEquals(Map.of("ID", "v"), find("versioned+3").orElseThrow().values());
        assertEquals(Map.of("ID", "v"), find("versioned.raw").orElseThrow().values());
        assertEquals(Optional.empty(), find("other"));
    }

    @Test
    void find_fallbackByStrictXattrFalse() throws Exception {
        tree.file(DIR + "extension-release.original", "ID=o").xattr(DIR + "extension-release.original",
                "user.extension-release.strict", "0");
        assertEquals(DIR + "extension-release.original", find("renamed").orElseThrow().path());
    }

    @Test
    void find_strictXattrTrueOrGarbage_notUsed() throws Exception {
        tree.file(DIR + "extension-release.a", "ID=a").xattr(DIR + "extension-release.a",
                "user.extension-release.strict", "1");
        tree.file(DIR + "extension-release.b", "ID=b").xattr(DIR + "extension-release.b",
                "user.extension-release.strict", "maybe");
        assertEquals(Optional.empty(), find("renamed"));
    }

    @Test
    void find_fallbackSymlink_notAccepted() throws Exception {
        tree.file("/x", "ID=x").symlink(DIR + "extension-release.foo_base", "/x");
        tree.symlink(DIR + "extension-release.foo", "/missing");
        assertEquals(Optional.empty(), find("foo_2"));
    }

    @Test
    void find_twoCandidates_notUnique() throws Exception {
        tree.file(DIR + "extension-release.a", "ID=a").xattr(DIR + "extension-release.a",
                "user.extension-release.strict", "false");
        tree.file(DIR + "extension-release.b", "ID=b").xattr(DIR + "extension-release.b",
                "user.extension-release.strict", "no");
        ReleaseNotUniqueException e = assertThrows(ReleaseNotUniqueException.class, () -> find("c"));
        assertEquals(Errno.ENOTUNIQ, e.errno());
        assertEquals(List.of(DIR + "extension-release.a", DIR + "extension-release.b"), e.candidates());
    }

    @Test
    void find_exactNameWinsOverExtraFiles() throws Exception {
        tree.file(DIR + "extension-release.foo", "ID=exact").file(DIR + "extension-release.bar", "ID=bar")
                .xattr(DIR + "extension-release.bar", "user.extension-release.strict", "0");
        assertEquals("exact", find("foo").orElseThrow().values().get("ID"));
    }

    @Test
    void findRelaxed_anySingleFile() throws Exception {
        tree.file(DIR + "extension-release.whatever", "ID=w");
        assertEquals(Optional.empty(), find("merged"));
        assertEquals("w", ExtensionRelease.findRelaxed(image, "merged", ExtensionKind.CONFEXT).orElseThrow()
                .values().get("ID"));
        tree.file(DIR + "extension-release.second", "ID=s");
        assertThrows(ReleaseNotUniqueException.class,
                () -> ExtensionRelease.findRelaxed(image, "merged", ExtensionKind.CONFEXT));
    }

    @Test
    void find_binaryReleaseFile_clearError() throws Exception {
        tree.file(DIR + "extension-release.foo", new byte[] {'I', 'D', '=', (byte) 0xfe, (byte) 0xff});
        EnvFileException e = assertThrows(EnvFileException.class, () -> find("foo"));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("extension-release.foo"), e.getMessage());
    }

    @Test
    void find_hugeReleaseFile_clearError() throws Exception {
        tree.file(DIR + "extension-release.foo", new byte[EnvFile.MAX_BYTES + 10]);
        EnvFileException e = assertThrows(EnvFileException.class, () -> find("foo"));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void find_releaseFileIsDirectory_clearError() throws Exception {
        tree.dir(DIR + "extension-release.foo");
        EnvFileException e = assertThrows(EnvFileException.class, () -> find("foo"));
        assertEquals(Errno.EISDIR, e.errno());
    }

    @Test
    void find_symlinkLoop_clearError() throws Exception {
        tree.symlink(DIR + "extension-release.foo", "extension-release.foo");
        ResolveException e = assertThrows(ResolveException.class, () -> find("foo"));
        assertEquals(Errno.ELOOP, e.errno());
    }

    @Test
    void find_invalidImageName_refused() {
        ConfextException e = assertThrows(ConfextException.class, () -> find("a/b"));
        assertTrue(e.getMessage().contains("invalid"));
        assertThrows(ConfextException.class, () -> find("bad\u0001"));
    }
}
