package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.testing.HostileRoot;
import dev.confext.core.testing.Tree;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random hostile roots: every search directory, image entry, {@code .v} entry, os-release and release
 * file is either real or a link drawn from a list of escapes (absolute host paths, climbing {@code ..},
 * {@code /proc/self/root}, {@code /proc/self/cwd}, {@code /proc/1/root}, {@code /proc/self/fd/N}, links to
 * other links, loops, {@code /}). Discovery, the host release and the release lookup of each image must
 * give only in-root paths and never a sentinel value; failing is allowed only with a checked exception.
 *
 * <pre>
 * base/
 * ├── S/  (sentinel)  etc/os-release, ext/etc/extension-release.d/extension-release.{a,b,c,d}, confexts/a/
 * │                   every file ID=sentinelos MARKER
 * └── R/
 *     ├── etc/os-release, usr/lib/os-release                 real (ID=decoyos) or a random escape
 *     ├── run/confexts, var/lib/confexts, usr/lib/confexts    real directory or a random escape
 *     │   └── {a,b,c,d}[.v|.raw]                              real image, or a random escape
 *     │       └── (images) etc/extension-release.d/extension-release.NAME  real or a random escape
 *     └── host-sentinel/ext/...  (decoy: where climbing links land inside R; ID=decoyos)
 * </pre>
 */
class HostileTreePropertiesTest {
    private static final List<String> NAMES = List.of("a", "b", "c", "d");
    private static final List<String> SEARCH = List.of("run/confexts", "var/lib/confexts", "usr/lib/confexts");

    /** A symlink target; {@code S} stands for the sentinel's absolute host path. */
    @Provide
    Arbitrary<String> escapes() {
        return Arbitraries.oneOf(
                Arbitraries.of("S", "S/ext", "S/confexts", "S/etc/os-release", "S/ext/etc/extension-release.d",
                        "S/ext/etc/extension-release.d/extension-release.a", "/proc/self/rootS/ext", "/proc/self/cwd",
                        "/proc/1/root", "/proc/1/rootS/ext", "/proc/self/root", "/", "/..", "..", ".", "../../..",
                        "../../../../../../host-sentinel/ext", "/../../host-sentinel/etc/os-release",
                        "../../host-sentinel/ext", "a", "b", "self", "/var/lib/confexts/a", "/run/confexts"),
                Arbitraries.integers().between(0, 40).map(fd -> "/proc/self/fd/" + fd));
    }

    /** One hostile choice per slot: null for "real", else the escape. */
    record Slots(Map<String, String> links) {}

    @Provide
    Arbitrary<Slots> trees() {
        List<String> slots = new java.util.ArrayList<>();
        slots.add("etc/os-release");
        slots.add("usr/lib/os-release");
        for (String dir : SEARCH) {
            slots.add(dir);
            for (String name : NAMES) {
                slots.add(dir + "/" + name);
                slots.add(dir + "/" + name + ".v");
                slots.add(dir + "/" + name + ".v/" + name + "_1");
                slots.add(dir + "/" + name + "/etc/extension-release.d");
                slots.add(dir + "/" + name + "/etc/extension-release.d/extension-release." + name);
            }
        }
        Arbitrary<String> choice = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(""), escapes());
        return choice.list().ofSize(slots.size()).map(choices -> {
            Map<String, String> links = new java.util.LinkedHashMap<>();
            for (int i = 0; i < slots.size(); i++) {
                links.put(slots.get(i), choices.get(i));
            }
            return new Slots(links);
        });
    }

    @Property(tries = 100)
    void discoveryHostAndReleaseLookup_neverLeaveTheRoot(@ForAll("trees") Slots slots) throws Exception {
        Path base = Files.createTempDirectory("hostile-prop");
        try {
            Path sentinel = base.resolve("S");
            Path rootPath = base.resolve("R");
            build(sentinel, rootPath, slots);
            Root root = Root.of(rootPath);
            check(root, rootPath);
        } finally {
            delete(base);
        }
    }

    private static void build(Path sentinel, Path rootPath, Slots slots) throws IOException {
        Tree s = new Tree(sentinel);
        String bad = "ID=" + HostileRoot.SENTINEL_ID + "\nSENTINEL=" + HostileRoot.MARKER + "\n";
        s.file("etc/os-release", bad);
        for (String name : NAMES) {
            s.file("ext/etc/extension-release.d/extension-release." + name, bad);
            s.file("confexts/" + name + "/etc/extension-release.d/extension-release." + name, bad);
        }
        Tree r = new Tree(rootPath);
        String decoy = "ID=" + HostileRoot.DECOY_ID + "\n";
        r.file("host-sentinel/etc/os-release", decoy);
        for (String name : NAMES) {
            r.file("host-sentinel/ext/etc/extension-release.d/extension-release." + name, decoy);
        }
        // Parents come before children: a slot below one that became a link is left out.
        for (Map.Entry<String, String> e : slots.links().entrySet()) {
            String slot = e.getKey();
            Path p = r.path(slot);
            if (!parentsAreReal(rootPath, slot) || Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String target = e.getValue();
            if (!target.isEmpty()) {
                Files.createDirectories(p.getParent());
                Files.createSymbolicLink(p, Path.of(target.replace("S", sentinel.toString())));
            } else if (slot.endsWith("os-release") || slot.contains("extension-release.d/")) {
                r.file(slot, decoy);
            } else {
                r.dir(slot);
            }
        }
    }

    /** True when no ancestor of {@code slot} below the root is a symlink. */
    private static boolean parentsAreReal(Path rootPath, String slot) {
        Path p = rootPath;
        String[] parts = slot.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            p = p.resolve(parts[i]);
            if (Files.isSymbolicLink(p)) {
                return false;
            }
        }
        return true;
    }

    private static void check(Root root, Path rootPath) {
        try {
            HostRelease host = HostRelease.read(root, ExtensionKind.CONFEXT, Map.of());
            assertEquals(HostileRoot.DECOY_ID, host.id());
            Statistics.label("host").collect("decoy read");
        } catch (ConfextException e) {
            assertClean(e.getMessage());
            Statistics.label("host").collect("failed");
        }
        List<DiscoveredImage> images;
        try {
            images = ImageScanner.of(ExtensionKind.CONFEXT, root).discover();
        } catch (DiscoveryException e) {
            assertClean(e.getMessage());
            Statistics.label("discovery").collect("failed " + e.errno());
            return;
        }
        Statistics.label("discovery").collect(images.isEmpty() ? "no image" : "images");
        for (DiscoveredImage image : images) {
            Path host = image.path().hostPath();
            assertTrue(host.normalize().startsWith(rootPath), host + " outside " + rootPath);
            assertClean(image.toString());
            if (image.type() != ImageType.DIRECTORY) {
                continue;
            }
            try {
                Optional<ReleaseFile> release = ExtensionRelease.find(Root.of(host), image.name(), ExtensionKind.CONFEXT);
                release.ifPresent(f -> assertEquals(HostileRoot.DECOY_ID, f.values().get("ID"), f.toString()));
                Statistics.label("release").collect(release.isPresent() ? "decoy read" : "none");
            } catch (ConfextException e) {
                assertClean(e.getMessage());
                Statistics.label("release").collect("failed");
            }
        }
    }

    private static void assertClean(String text) {
        assertFalse(text.contains(HostileRoot.MARKER), text);
        assertFalse(text.contains(HostileRoot.SENTINEL_ID), text);
    }

    private static void delete(Path base) throws IOException {
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
