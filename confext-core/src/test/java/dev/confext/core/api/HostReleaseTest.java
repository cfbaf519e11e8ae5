package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.testing.Tree;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §4.1, on a fixture root R with {@code /etc/os-release} and/or {@code /usr/lib/os-release}. */
class HostReleaseTest {
    @TempDir
    Path temp;
    private Tree tree;
    private Root root;

    @BeforeEach
    void setUp() {
        tree = new Tree(temp);
        root = Root.of(temp);
    }

    private HostRelease read(ExtensionKind kind, Map<String, String> env) throws ConfextException {
        return HostRelease.read(root, kind, env);
    }

    @Test
    void read_etcBeatsUsrLib() throws Exception {
        tree.file("/etc/os-release", "ID=etc\nVERSION_ID=1\nID_LIKE=\"a b\"\nSYSEXT_LEVEL=s\nCONFEXT_LEVEL=c")
                .file("/usr/lib/os-release", "ID=usr");
        HostRelease host = read(ExtensionKind.CONFEXT, Map.of());
        assertEquals("etc", host.id());
        assertEquals("1", host.versionId());
        assertEquals("a b", host.idLike());
        assertEquals("c", host.level());
        assertEquals("s", read(ExtensionKind.SYSEXT, Map.of()).level());
        assertEquals("system", host.scope());
    }

    @Test
    void read_danglingEtcFallsThrough() throws Exception {
        tree.symlink("/etc/os-release", "../usr/lib/nothing").file("/usr/lib/os-release", "ID=usr");
        assertEquals("usr", read(ExtensionKind.CONFEXT, Map.of()).id());
    }

    @Test
    void read_etcSymlinkResolvedInsideRoot() throws Exception {
        tree.symlink("/etc/os-release", "/usr/lib/os-release").file("/usr/lib/os-release", "ID=inside");
        assertEquals("inside", read(ExtensionKind.CONFEXT, Map.of()).id());
    }

    @Test
    void read_etcIsDirectory_fatal() throws Exception {
        tree.dir("/etc/os-release").file("/usr/lib/os-release", "ID=usr");
        ConfextException e = assertThrows(ConfextException.class, () -> read(ExtensionKind.CONFEXT, Map.of()));
        assertEquals("Failed to acquire 'os-release' data of OS tree '" + temp + "': Is a directory", e.getMessage());
    }

    @Test
    void read_missing_fatalWithUpstreamMessage() {
        ConfextException e = assertThrows(ConfextException.class, () -> read(ExtensionKind.CONFEXT, Map.of()));
        assertEquals("Failed to acquire 'os-release' data of OS tree '" + temp + "': No such file or directory",
                e.getMessage());
    }

    @Test
    void read_emptyId_fatal() throws Exception {
        tree.file("/etc/os-release", "ID=\nVERSION_ID=1");
        ConfextException e = assertThrows(ConfextException.class, () -> read(ExtensionKind.CONFEXT, Map.of()));
        assertEquals("'ID' field not found or empty in 'os-release' data of OS tree '" + temp + "'.",
                e.getMessage());
    }

    @Test
    void read_invalidUtf8_fatal() throws Exception {
        tree.file("/etc/os-release", new byte[] {'I', 'D', '=', (byte) 0xff});
        ConfextException e = assertThrows(ConfextException.class, () -> read(ExtensionKind.CONFEXT, Map.of()));
        assertTrue(e.getMessage().endsWith("': Invalid argument"), e.getMessage());
    }

    /**
     * The warning names the file that was read, relative to the root, after links:
     * <pre>
     *   R/etc/os-release -> ../usr/lib/os-release
     *   R/usr/lib/os-release   ID=x, NAME=a 0xff
     * </pre>
     */
    @Test
    void invalidUtf8Warning_namesResolvedFileRelativeToRoot() throws Exception {
        tree.symlink("/etc/os-release", "../usr/lib/os-release")
                .file("/usr/lib/os-release", new byte[] {'I', 'D', '=', 'x', '\n', 'N', 'A', 'M', 'E', '=', 'a', (byte) 0xff});
        ConfextException e = assertThrows(ConfextException.class, () -> read(ExtensionKind.CONFEXT, Map.of()));
        assertEquals(java.util.Optional.of("usr/lib/os-release:2: invalid UTF-8 value for key NAME: 'a\uFFFD', ignoring."),
                HostRelease.invalidUtf8Warning(e));
        tree.file("/usr/lib/os-release", "NAME=a");
        ConfextException noId = assertThrows(ConfextException.class, () -> read(ExtensionKind.CONFEXT, Map.of()));
        assertEquals(java.util.Optional.empty(), HostRelease.invalidUtf8Warning(noId));
    }

    @Test
    void read_environmentOverride_onlyThatPath() throws Exception {
        tree.file("/etc/os-release", "ID=etc").file("/opt/my-release", "ID=mine");
        assertEquals("mine", read(ExtensionKind.CONFEXT, Map.of("SYSTEMD_OS_RELEASE", "/opt/my-release")).id());
        assertThrows(ConfextException.class,
                () -> read(ExtensionKind.CONFEXT, Map.of("SYSTEMD_OS_RELEASE", "/opt/missing")));
    }

    @Test
    void read_initrdRelease_setsScope() throws Exception {
        tree.file("/etc/os-release", "ID=x");
        assertFalse(read(ExtensionKind.CONFEXT, Map.of()).initrd());
        tree.file("/etc/initrd-release", "");
        HostRelease host = read(ExtensionKind.CONFEXT, Map.of());
        assertTrue(host.initrd());
        assertEquals("initrd", host.scope());
        assertEquals("x", host.id());
    }
}
