package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.TestEnvironment;
import dev.confext.core.testing.Tree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery scenarios (spec §2), confext unless stated. Search directories of the fixture root R:
 * <pre>
 *   R/run/confexts/          highest priority
 *   R/var/lib/confexts/
 *   R/usr/local/lib/confexts/
 *   R/usr/lib/confexts/      lowest (not searched in an initrd)
 * </pre>
 */
class ImageScannerTest {
    @TempDir
    Path temp;
    private Tree tree;
    private Root root;

    @BeforeEach
    void setUp() {
        tree = new Tree(temp);
        root = Root.of(temp);
    }

    private List<DiscoveredImage> discover() throws DiscoveryException {
        return ImageScanner.of(ExtensionKind.CONFEXT, root).discover();
    }

    /** "name type in-root-path" per image, in result order. */
    private List<String> summary() throws DiscoveryException {
        return discover().stream().map(i -> i.name() + " " + i.type().word() + " " + i.path().path())
                .collect(Collectors.toList());
    }

    @Test
    void discover_noSearchDirectories_nothing() throws Exception {
        assertEquals(List.of(), discover());
    }

    /**
     * <pre>
     *   var/lib/confexts/plain/  a.confext/  b.raw  c.confext.raw  d.img  dir.raw/  e.sysext/  .hidden/  with space/
     * </pre>
     */
    @Test
    void discover_typesAndSuffixes() throws Exception {
        tree.dir("/var/lib/confexts/plain").dir("/var/lib/confexts/a.confext").file("/var/lib/confexts/b.raw", "x")
                .file("/var/lib/confexts/c.confext.raw", "x").file("/var/lib/confexts/d.img", "x")
                .dir("/var/lib/confexts/dir.raw").dir("/var/lib/confexts/e.sysext").dir("/var/lib/confexts/.hidden")
                .dir("/var/lib/confexts/with space");
        assertEquals(List.of(
                ".hidden directory /var/lib/confexts/.hidden",
                "a directory /var/lib/confexts/a.confext",
                "b raw /var/lib/confexts/b.raw",
                "c raw /var/lib/confexts/c.confext.raw",
                "dir.raw directory /var/lib/confexts/dir.raw",
                "e.sysext directory /var/lib/confexts/e.sysext",
                "plain directory /var/lib/confexts/plain",
                "with space directory /var/lib/confexts/with space"), summary());
    }

    @Test
    void discover_sysextSuffix_strippedOnlyForSysext() throws Exception {
        tree.file("/var/lib/extensions/foo.sysext.raw", "x").file("/var/lib/extensions/bar.confext.raw", "x");
        List<String> names = ImageScanner.of(ExtensionKind.SYSEXT, root).discover().stream()
                .map(DiscoveredImage::name).toList();
        assertEquals(List.of("bar.confext", "foo"), names);
    }

    @Test
    void discover_higherPriorityDirectoryShadows() throws Exception {
        tree.dir("/run/confexts/a").dir("/var/lib/confexts/a").dir("/usr/lib/confexts/b")
                .dir("/usr/local/lib/confexts/b");
        assertEquals(List.of("a directory /run/confexts/a", "b directory /usr/local/lib/confexts/b"), summary());
    }

    @Test
    void discover_sameNameInOneDirectory_firstByNameWins() throws Exception {
        tree.file("/var/lib/confexts/foo.raw", "x").dir("/var/lib/confexts/foo")
                .file("/var/lib/confexts/foo.confext.raw", "x");
        assertEquals(List.of("foo directory /var/lib/confexts/foo"), summary());
    }

    @Test
    void discover_emptyDirectoryMasksLowerImage() throws Exception {
        tree.dir("/run/confexts/masked").file("/var/lib/confexts/masked.raw", "x");
        assertEquals(List.of("masked directory /run/confexts/masked"), summary());
    }

    @Test
    void discover_devNullSymlink_doesNotMask() throws Exception {
        TestEnvironment.requireRoot();
        tree.dir("/dev");
        run("mknod", tree.path("/dev/null").toString(), "c", "1", "3");
        tree.symlink("/run/confexts/foo.raw", "/dev/null").file("/var/lib/confexts/foo.raw", "x");
        assertEquals(List.of("foo raw /var/lib/confexts/foo.raw"), summary());
    }

    @Test
    void discover_danglingSymlink_skipped() throws Exception {
        tree.symlink("/var/lib/confexts/gone", "/nowhere").dir("/var/lib/confexts/here");
        assertEquals(List.of("here directory /var/lib/confexts/here"), summary());
    }

    @Test
    void discover_symlinkLoop_fails() throws Exception {
        tree.symlink("/var/lib/confexts/loop1", "loop2").symlink("/var/lib/confexts/loop2", "loop1");
        DiscoveryException e = assertThrows(DiscoveryException.class, this::discover);
        assertEquals(Errno.ELOOP, e.errno());
        assertEquals("Failed to discover images: Too many levels of symbolic links", e.getMessage());
    }

    @Test
    void discover_searchDirectoryIsAFile_fails() throws Exception {
        tree.file("/run/confexts", "not a directory");
        DiscoveryException e = assertThrows(DiscoveryException.class, this::discover);
        assertEquals(Errno.ENOTDIR, e.errno());
    }

    /**
     * <pre>
     *   etc/initrd-release -> initrd-release     (a link to itself)
     *   var/lib/confexts/a/
     * </pre>
     */
    @Test
    void discover_initrdReleaseLoop_fails() throws Exception {
        tree.symlink("/etc/initrd-release", "initrd-release").dir("/var/lib/confexts/a");
        DiscoveryException e = assertThrows(DiscoveryException.class, this::discover);
        assertEquals(Errno.ELOOP, e.errno());
    }

    /**
     * <pre>
     *   etc                a regular file
     *   var/lib/confexts/a/
     * </pre>
     */
    @Test
    void discover_etcIsAFile_fails() throws Exception {
        tree.file("/etc", "not a directory").dir("/var/lib/confexts/a");
        DiscoveryException e = assertThrows(DiscoveryException.class, this::discover);
        assertEquals("Failed to discover images: Not a directory", e.getMessage());
    }

    /**
     * <pre>
     *   T/missing/     (does not exist; the root)
     * </pre>
     */
    @Test
    void discover_rootMissing_fails() throws Exception {
        root = Root.of(temp.resolve("missing"));
        DiscoveryException e = assertThrows(DiscoveryException.class, this::discover);
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("Failed to discover images: No such file or directory", e.getMessage());
    }

    /**
     * <pre>
     *   T/file         a regular file, given as the root
     * </pre>
     */
    @Test
    void discover_rootIsAFile_fails() throws Exception {
        tree.file("/file", "not a directory");
        root = Root.of(temp.resolve("file"));
        DiscoveryException e = assertThrows(DiscoveryException.class, this::discover);
        assertEquals(Errno.ENOTDIR, e.errno());
    }

    /**
     * <pre>
     *   srv/store/target/            the image
     *   var/lib/confexts/abs  -> /srv/store/target          absolute: re-anchored at R
     *   var/lib/confexts/rel  -> ../../../srv/store/target
     *   var/lib/confexts/up   -> ../../../../../../srv/store/target   ".." clamped at R
     *   var/lib/confexts/chain -> abs
     * </pre>
     */
    @Test
    void discover_symlinks_resolvedInsideRoot_pathIsTarget() throws Exception {
        tree.dir("/srv/store/target").symlink("/var/lib/confexts/abs", "/srv/store/target")
                .symlink("/var/lib/confexts/rel", "../../../srv/store/target")
                .symlink("/var/lib/confexts/up", "../../../../../../srv/store/target")
                .symlink("/var/lib/confexts/chain", "abs");
        assertEquals(List.of("abs directory /srv/store/target", "chain directory /srv/store/target",
                "rel directory /srv/store/target", "up directory /srv/store/target"), summary());
        assertEquals("/var/lib/confexts/chain", discover().get(1).entryPath());
        assertEquals(temp.resolve("srv/store/target"), discover().get(0).path().hostPath());
    }

    @Test
    void discover_rawSymlink_entryNameDecides() throws Exception {
        tree.file("/srv/blob.img", "x").file("/srv/real.raw", "x")
                .symlink("/var/lib/confexts/foo.raw", "/srv/blob.img")
                .symlink("/var/lib/confexts/bar", "/srv/real.raw");
        assertEquals(List.of("foo raw /srv/blob.img"), summary());
    }

    @Test
    void discover_invalidNames_skipped() throws Exception {
        tree.dir("/var/lib/confexts/.#tmp").dir("/var/lib/confexts/.sysupdate.foo")
                .dir("/var/lib/confexts/ctl\u0001char").dir("/var/lib/confexts/del\u007f")
                .dir("/var/lib/confexts/.confext").dir("/var/lib/confexts/ok");
        assertEquals(List.of("ok directory /var/lib/confexts/ok"), summary());
    }

    @Test
    void discover_fifoAndCharDevice_skipped() throws Exception {
        TestEnvironment.requireRoot();
        tree.dir("/var/lib/confexts");
        run("mkfifo", tree.path("/var/lib/confexts/fifo.raw").toString());
        run("mknod", tree.path("/var/lib/confexts/chr").toString(), "c", "1", "3");
        assertEquals(List.of(), summary());
    }

    @Test
    void discover_blockDevice_nameVerbatim() throws Exception {
        TestEnvironment.requireRoot();
        tree.dir("/var/lib/confexts");
        run("mknod", tree.path("/var/lib/confexts/blk.confext.raw").toString(), "b", "7", "200");
        assertEquals(List.of("blk.confext.raw block /var/lib/confexts/blk.confext.raw"), summary());
    }

    @Test
    void discover_initrd_usesInitrdDirectories() throws Exception {
        tree.file("/etc/initrd-release", "ID=x").dir("/usr/lib/confexts/lib").dir("/.extra/confext/extra");
        assertEquals(List.of("extra directory /.extra/confext/extra"), summary());
        assertEquals(ExtensionKind.CONFEXT.searchDirectories(false),
                ImageScanner.of(ExtensionKind.CONFEXT, root).withInitrd(false).searchDirectories());
    }

    /**
     * <pre>
     *   var/lib/confexts/foo.v/       foo_1/  foo_2/  (picks foo_2)
     *   var/lib/confexts/bar.raw.v/   bar_1.raw  bar_2.raw/ (a directory: wrong type, skipped)
     *   var/lib/confexts/dang.v/      dang_1/  dang_2 -> /nowhere   (whole .v skipped)
     *   var/lib/confexts/empty.v/
     * </pre>
     */
    @Test
    void discover_versionedDirectories() throws Exception {
        tree.dir("/var/lib/confexts/foo.v/foo_1").dir("/var/lib/confexts/foo.v/foo_2")
                .file("/var/lib/confexts/bar.raw.v/bar_1.raw", "x").dir("/var/lib/confexts/bar.raw.v/bar_2.raw")
                .dir("/var/lib/confexts/dang.v/dang_1").symlink("/var/lib/confexts/dang.v/dang_2", "/nowhere")
                .dir("/var/lib/confexts/empty.v");
        assertEquals(List.of("bar raw /var/lib/confexts/bar.raw.v/bar_1.raw",
                "foo directory /var/lib/confexts/foo.v/foo_2"), summary());
    }

    @Test
    void discover_versionedDirectory_symlinkedAndClassSuffix() throws Exception {
        tree.dir("/srv/x.confext.v/x_3.confext").symlink("/run/confexts/x.confext.v", "/srv/x.confext.v");
        assertEquals(List.of("x directory /srv/x.confext.v/x_3.confext"), summary());
    }

    @Test
    void discover_timestampsAndIdentity() throws Exception {
        tree.file("/var/lib/confexts/r.raw", "x").dir("/var/lib/confexts/d");
        Files.setLastModifiedTime(tree.path("/var/lib/confexts/r.raw"),
                java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
        List<DiscoveredImage> images = discover();
        DiscoveredImage dir = images.get(0);
        DiscoveredImage raw = images.get(1);
        assertEquals(0, dir.mtimeUsec());
        assertEquals(1_700_000_000_000_000L, raw.mtimeUsec());
        assertEquals(raw.mtimeUsec(), raw.timeUsec());
        assertEquals(Files.getAttribute(tree.path("/var/lib/confexts/r.raw"), "unix:ino"), raw.identity().inode());
        assertNotEquals(raw.identity().inode(), dir.identity().inode());
    }

    @Test
    void discover_resultIsUnmodifiableAndSorted() throws Exception {
        tree.dir("/var/lib/confexts/b").dir("/run/confexts/a").dir("/usr/lib/confexts/C");
        List<DiscoveredImage> images = discover();
        assertEquals(List.of("C", "a", "b"), images.stream().map(DiscoveredImage::name).toList());
        assertThrows(UnsupportedOperationException.class, () -> images.remove(0));
        assertTrue(images.stream().allMatch(i -> i.path().exists()));
    }

    /**
     * Root ignores file permissions, so the probe runs in a child JVM without CAP_DAC_OVERRIDE and
     * CAP_DAC_READ_SEARCH.
     * <pre>
     *   var/lib/confexts/     mode 000 (search directory that cannot be listed)
     *   run/confexts/ok/
     * </pre>
     */
    @Test
    void discover_unreadableSearchDirectory_failsWithEacces() throws Exception {
        assertEquals("DiscoveryException EACCES Failed to discover images: Permission denied",
                probeWithoutDacCapabilities(() -> {
                    tree.dir("/run/confexts/ok").dir("/var/lib/confexts/x");
                    Files.setPosixFilePermissions(tree.path("/var/lib/confexts"), java.util.Set.of());
                }));
    }

    /** A search directory below a directory that cannot be searched fails the same way. */
    @Test
    void discover_untraversableParent_failsWithEacces() throws Exception {
        assertEquals("DiscoveryException EACCES Failed to discover images: Permission denied",
                probeWithoutDacCapabilities(() -> {
                    tree.dir("/usr/lib/confexts/x");
                    Files.setPosixFilePermissions(tree.path("/usr/lib"), java.util.Set.of());
                }));
    }

    private interface Setup {
        void run() throws Exception;
    }

    private String probeWithoutDacCapabilities(Setup setup) throws Exception {
        TestEnvironment.requireRoot();
        TestEnvironment.requireTool("setpriv");
        setup.run();
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder("setpriv", "--bounding-set=-dac_override,-dac_read_search", javaBinary, "-cp",
                System.getProperty("java.class.path"), DiscoverProbe.class.getName(), temp.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        // let @TempDir clean up
        try (var paths = Files.walk(temp)) {
            for (Path d : paths.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(d, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return out;
    }

    private static void run(String... command) throws Exception {
        dev.confext.core.testing.Commands.run(Path.of("/"), command);
    }
}
