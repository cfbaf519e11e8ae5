package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.testing.HostileRoot;
import dev.confext.core.testing.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API over {@link HostileRoot} (its tree is drawn there): every path reported lies inside the
 * root and nothing of the sentinel outside it is ever read. Where a link resolved inside the root meets a
 * decoy, the decoy is what is read.
 */
class HostileRootApiTest {
    @TempDir
    Path base;

    private static void assertNoSentinel(String what) {
        assertFalse(what.contains(HostileRoot.MARKER), what);
        assertFalse(what.contains(HostileRoot.SENTINEL_ID), what);
    }

    private static void assertInside(HostileRoot h, Path hostPath) {
        assertTrue(h.isInsideRoot(hostPath), hostPath + " is outside " + h.root());
    }

    @Test
    void discover_hostileRoot_onlyInRootTargets() throws Exception {
        HostileRoot h = HostileRoot.create(base);
        Root root = Root.of(h.root());

        List<DiscoveredImage> images = ImageScanner.of(ExtensionKind.CONFEXT, root).discover();

        Map<String, String> found = new TreeMap<>();
        for (DiscoveredImage image : images) {
            assertInside(h, image.path().hostPath());
            assertNoSentinel(image.toString());
            found.put(image.name(), image.type() + " " + image.path().path());
        }
        assertEquals(Map.of(
                "climb", "DIRECTORY /host-sentinel/ext",
                "deepclimb", "DIRECTORY /host-sentinel/ext",
                "img", "DIRECTORY /var/lib/confexts/img",
                "img2", "DIRECTORY /var/lib/confexts/img2",
                "img3", "DIRECTORY /var/lib/confexts/img3",
                "inner", "DIRECTORY /host-sentinel/ext",
                "side", "RAW /var/lib/confexts/side.raw",
                "slash", "DIRECTORY /"), found);
    }

    @Test
    void discover_sysextKindOverHostileRoot_onlyInRootTargets() throws Exception {
        HostileRoot h = HostileRoot.create(base);
        Tree r = new Tree(h.root());
        r.symlink("etc/extensions", "/");
        r.symlink("run/extensions", "/proc/self/cwd");
        r.symlink("var/lib/extensions", "../../../host-sentinel/confexts");

        List<DiscoveredImage> images = ImageScanner.of(ExtensionKind.SYSEXT, Root.of(h.root())).discover();

        // /etc/extensions is the root itself: its sub-directories are (harmless) directory images
        for (DiscoveredImage image : images) {
            assertInside(h, image.path().hostPath());
            assertEquals("/" + image.name(), image.path().path());
        }
        assertTrue(images.stream().anyMatch(i -> i.name().equals("host-sentinel")));
        assertTrue(images.stream().noneMatch(i -> i.name().equals("evil")));
    }

    @Test
    void releaseLookup_everyDiscoveredImage_neverReadsTheSentinel() throws Exception {
        HostileRoot h = HostileRoot.create(base);
        Root root = Root.of(h.root());

        Map<String, Optional<String>> ids = new TreeMap<>();
        for (DiscoveredImage image : ImageScanner.of(ExtensionKind.CONFEXT, root).discover()) {
            if (image.type() != ImageType.DIRECTORY) {
                continue;
            }
            Optional<ReleaseFile> release = ExtensionRelease.find(Root.of(image.path().hostPath()), image.name(),
                    ExtensionKind.CONFEXT);
            release.ifPresent(r -> assertNoSentinel(r.toString()));
            ids.put(image.name(), release.map(r -> r.values().get("ID")));
        }
        assertEquals(Optional.of(HostileRoot.DECOY_ID), ids.get("climb"));
        assertEquals(Optional.of(HostileRoot.DECOY_ID), ids.get("deepclimb"));
        assertEquals(Optional.empty(), ids.get("img"));
        assertEquals(Optional.empty(), ids.get("img2"));
        assertEquals(Optional.empty(), ids.get("img3"));
        assertEquals(Optional.empty(), ids.get("inner"));
        assertEquals(Optional.empty(), ids.get("slash"));
    }

    @Test
    void releaseLookup_relaxedOverLinkedReleaseFiles_findsNothing() throws Exception {
        HostileRoot h = HostileRoot.create(base);
        for (String image : List.of("img", "img2", "img3")) {
            Root imageRoot = Root.of(h.root().resolve("var/lib/confexts/" + image));
            assertEquals(Optional.empty(), ExtensionRelease.findRelaxed(imageRoot, image, ExtensionKind.CONFEXT), image);
        }
    }

    @Test
    void hostRelease_osReleaseLinkedOut_readsTheDecoyInsideTheRoot() throws Exception {
        HostileRoot h = HostileRoot.create(base);

        HostRelease release = HostRelease.read(Root.of(h.root()), ExtensionKind.CONFEXT, Map.of());

        assertEquals(HostileRoot.DECOY_ID, release.id());
        assertNoSentinel(release.toString());
    }

    @Test
    void hostRelease_bothOsReleasesLinkedOut_failsWithoutReadingTheSentinel() throws Exception {
        HostileRoot h = HostileRoot.create(base);
        Files.delete(h.root().resolve("host-sentinel/etc/os-release"));

        ConfextException e = assertThrows(ConfextException.class,
                () -> HostRelease.read(Root.of(h.root()), ExtensionKind.CONFEXT, Map.of()));

        assertTrue(e.getMessage().startsWith("Failed to acquire 'os-release' data of OS tree '" + h.root() + "'"),
                e.getMessage());
        assertNoSentinel(e.getMessage());
    }

    @Test
    void hostRelease_environmentOverrideLinkedOut_failsWithoutReadingTheSentinel() throws Exception {
        HostileRoot h = HostileRoot.create(base);
        new Tree(h.root()).symlink("etc/other-release", "/proc/self/root" + h.s("etc/os-release"));

        ConfextException e = assertThrows(ConfextException.class, () -> HostRelease.read(Root.of(h.root()),
                ExtensionKind.CONFEXT, Map.of("SYSTEMD_OS_RELEASE", "/etc/other-release")));

        assertNoSentinel(e.getMessage());
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    }

    // R/etc/initrd-release -> S/etc/os-release (exists on the host only)
    @Test
    void initrd_initrdReleaseLinkedOut_notAnInitrd() throws Exception {
        HostileRoot h = HostileRoot.create(base);
        new Tree(h.root()).symlink("etc/initrd-release", h.s("etc/os-release"));

        HostRelease release = HostRelease.read(Root.of(h.root()), ExtensionKind.CONFEXT, Map.of());

        assertFalse(release.initrd());
        assertEquals(ExtensionKind.CONFEXT.searchDirectories(false),
                ImageScanner.of(ExtensionKind.CONFEXT, Root.of(h.root())).searchDirectories());
    }

    // R/var/lib/confexts/{"ctl\u0001", "nl\nname", "del\u007f", "bad\xff"} -> ../../../host-sentinel/ext (the decoy, in R)
    @Test
    void discover_controlCharacterAndInvalidUtf8Names_skipped() throws Exception {
        Tree r = new Tree(base.resolve("root"));
        r.file("host-sentinel/ext/etc/extension-release.d/extension-release.x", "ID=" + HostileRoot.DECOY_ID + "\n");
        for (String name : List.of("ctl\u0001", "nl\nname", "del\u007f")) {
            r.symlink("var/lib/confexts/" + name, "../../../host-sentinel/ext");
        }
        dev.confext.core.testing.Commands.run(r.path("var/lib/confexts"), "sh", "-c",
                "ln -s ../../../host-sentinel/ext \"bad$(printf '\\377')\"");

        List<DiscoveredImage> images = ImageScanner.of(ExtensionKind.CONFEXT, Root.of(r.base())).discover();

        assertEquals(List.of(), images);
    }

    @Test
    void hostRelease_osReleaseLoop_failsWithELOOP() throws Exception {
        Tree r = new Tree(base.resolve("root"));
        r.symlink("etc/os-release", "../usr/lib/os-release");
        r.symlink("usr/lib/os-release", "/etc/os-release");

        ConfextException e = assertThrows(ConfextException.class,
                () -> HostRelease.read(Root.of(r.base()), ExtensionKind.CONFEXT, Map.of()));

        assertTrue(e.getMessage().contains("Too many levels of symbolic links"), e.getMessage());
    }

    @Test
    void hostRelease_osReleaseThroughProcSelfFd_staysInRoot() throws Exception {
        Tree r = new Tree(base.resolve("root"));
        Path outside = base.resolve("outside-os-release");
        Files.writeString(outside, "ID=" + HostileRoot.SENTINEL_ID + "\n");
        try (var channel = java.nio.channels.FileChannel.open(outside)) {
            // whatever descriptor numbers are open in this JVM, none of them may lead out of the root
            for (int fd = 0; fd < 64; fd++) {
                Files.deleteIfExists(r.path("etc/os-release"));
                r.symlink("etc/os-release", "/proc/self/fd/" + fd);
                ConfextException e = assertThrows(ConfextException.class,
                        () -> HostRelease.read(Root.of(r.base()), ExtensionKind.CONFEXT, Map.of()));
                assertNoSentinel(e.getMessage());
            }
        }
    }

    @Test
    void discover_symlinkLoopInSearchDirectory_failsWithELOOP() throws Exception {
        Tree r = new Tree(base.resolve("root"));
        r.symlink("var/lib/confexts/loop1", "loop2");
        r.symlink("var/lib/confexts/loop2", "/var/lib/confexts/loop1");

        DiscoveryException e = assertThrows(DiscoveryException.class,
                () -> ImageScanner.of(ExtensionKind.CONFEXT, Root.of(r.base())).discover());

        assertEquals(Errno.ELOOP, e.errno());
    }

    // R/var/lib/confexts/long0 -> long1 -> ... -> long199 -> S (a host directory that exists)
    @Test
    void discover_chainLongerThanTheStepLimit_failsWithELOOP() throws Exception {
        Tree r = new Tree(base.resolve("root"));
        Path sentinel = Files.createDirectories(base.resolve("sentinel"));
        for (int i = 0; i < 199; i++) {
            r.symlink("var/lib/confexts/long" + i, "long" + (i + 1));
        }
        r.symlink("var/lib/confexts/long199", sentinel.toString());

        DiscoveryException e = assertThrows(DiscoveryException.class,
                () -> ImageScanner.of(ExtensionKind.CONFEXT, Root.of(r.base())).discover());

        assertEquals(Errno.ELOOP, e.errno());
        assertFalse(e.getMessage().contains(sentinel.toString()), e.getMessage());
    }

    @Test
    void discover_searchDirectoryIsALoop_failsWithELOOP() throws Exception {
        Tree r = new Tree(base.resolve("root"));
        r.symlink("run/confexts", "../run/confexts");

        DiscoveryException e = assertThrows(DiscoveryException.class,
                () -> ImageScanner.of(ExtensionKind.CONFEXT, Root.of(r.base())).discover());

        assertEquals(Errno.ELOOP, e.errno());
    }

    @Test
    void releaseLookup_releaseFileLoop_failsWithCheckedException() throws Exception {
        Tree r = new Tree(base.resolve("img"));
        r.symlink("etc/extension-release.d/extension-release.img", "extension-release.img");

        ConfextException e = assertThrows(ConfextException.class,
                () -> ExtensionRelease.find(Root.of(r.base()), "img", ExtensionKind.CONFEXT));

        assertTrue(e.getMessage().contains("Too many levels of symbolic links"), e.getMessage());
    }

    @Test
    void config_everyConfigFileLinkedOut_nothingRead() throws Exception {
        HostileRoot h = HostileRoot.create(base);

        ExtensionConfig config = ExtensionConfig.read(Root.of(h.root()), ExtensionKind.CONFEXT);

        assertEquals(Optional.empty(), config.mutable());
        assertEquals(Optional.empty(), config.imagePolicy());
        config.warnings().forEach(HostileRootApiTest::assertNoSentinel);
    }

    @Test
    void config_dropInLinkedOutNextToARealOne_onlyTheRealOneRead() throws Exception {
        HostileRoot h = HostileRoot.create(base);
        new Tree(h.root()).file("etc/systemd/confext.conf.d/20-real.conf", "[ConfExt]\nMutable=ephemeral\n");

        ExtensionConfig config = ExtensionConfig.read(Root.of(h.root()), ExtensionKind.CONFEXT);

        assertEquals(Optional.of(MutableMode.EPHEMERAL), config.mutable());
        assertEquals(Optional.empty(), config.imagePolicy());
    }

    @Test
    void resolve_everyHostileEntry_staysInsideOrFails() throws Exception {
        HostileRoot h = HostileRoot.create(base);
        Root root = Root.of(h.root());
        List<String> entries;
        try (var stream = Files.list(h.root().resolve("var/lib/confexts"))) {
            entries = stream.map(p -> p.getFileName().toString()).toList();
        }
        for (String entry : entries) {
            String path = "/var/lib/confexts/" + entry;
            try {
                ResolvedPath resolved = root.resolve(path);
                assertInside(h, resolved.hostPath());
            } catch (ResolveException e) {
                assertNoSentinel(e.getMessage());
            }
            try (OpenedPath opened = root.open(path)) {
                assertInside(h, opened.resolved().hostPath());
                assertTrue(Files.isSameFile(opened.procPath(), opened.resolved().hostPath()), path);
            } catch (ResolveException e) {
                assertNoSentinel(e.getMessage());
            }
        }
    }

    @Test
    void discover_rootIsItselfReachedThroughProcSelfRoot_sameAnswer() throws IOException, Exception {
        HostileRoot h = HostileRoot.create(base);
        Root viaProc = Root.of(Path.of("/proc/self/root" + h.root()));

        List<DiscoveredImage> images = ImageScanner.of(ExtensionKind.CONFEXT, viaProc).discover();

        assertEquals(8, images.size());
        for (DiscoveredImage image : images) {
            assertTrue(image.path().hostPath().startsWith(viaProc.path()), image.toString());
        }
    }
}
