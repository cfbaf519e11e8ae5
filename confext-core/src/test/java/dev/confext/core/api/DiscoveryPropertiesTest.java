package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.discovery.Directories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated fixture trees: a few search directories filled with directories, files, symlinks (absolute,
 * relative, dangling, looping, escaping with {@code ..}) and {@code .v} directories. Whatever the tree,
 * discovery and the release lookup give a result or a documented checked exception, never anything else.
 */
class DiscoveryPropertiesTest {
    private static final List<String> DIRS = List.of("/run/confexts", "/var/lib/confexts", "/usr/lib/confexts",
            "/srv");
    private static final List<String> NAMES = List.of("a", "b.raw", "a.raw", "c.confext", "c.confext.raw", "d.v",
            "d.raw.v", "d_1", "d_2.raw", "d_1+0", "d_3_x86-64", ".h", "e f", ".#t", "x.img", "a.mstack");

    /** One thing to create: kind 0 dir, 1 file, 2 symlink. */
    record Entry(int dir, int name, int kind, String target) {}

    @Provide
    Arbitrary<List<Entry>> trees() {
        Arbitrary<String> targets = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, DIRS.size() - 1),
                        Arbitraries.integers().between(0, NAMES.size() - 1))
                        .as((d, n) -> DIRS.get(d) + "/" + NAMES.get(n)),
                Arbitraries.of(NAMES),
                Arbitraries.of("../../../../srv", "/", "..", ".", "/nonexistent", "/srv/d.v/d_1",
                        "../d.v", "/run/confexts"));
        Arbitrary<Entry> entry = Combinators.combine(Arbitraries.integers().between(0, DIRS.size() - 1),
                Arbitraries.integers().between(0, NAMES.size() - 1), Arbitraries.integers().between(0, 2), targets)
                .as(Entry::new);
        return entry.list().ofMaxSize(14);
    }

    @Property(tries = 300)
    void discover_anyTree_resultOrDiscoveryException(@ForAll("trees") List<Entry> entries)
            throws IOException, DiscoveryException {
        Path temp = Files.createTempDirectory("confext-discovery-property");
        try {
            build(temp, entries);
            Root root = Root.of(temp);
            List<DiscoveredImage> images;
            try {
                images = ImageScanner.of(ExtensionKind.CONFEXT, root).discover();
            } catch (DiscoveryException e) {
                assertTrue(e.getMessage().startsWith("Failed to discover images: "), e.getMessage());
                return;
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < images.size(); i++) {
                DiscoveredImage image = images.get(i);
                assertTrue(names.add(image.name()), "duplicate " + image.name());
                assertTrue(image.path().hostPath().startsWith(temp), image.path().toString());
                if (i > 0) {
                    assertTrue(Directories.compareBytes(images.get(i - 1).name(), image.name()) < 0);
                }
                try {
                    Optional<Map<String, String>> release = ExtensionRelease.find(Root.of(image.path().hostPath()),
                            image.name(), ExtensionKind.CONFEXT).map(ReleaseFile::values);
                    HostRelease host = new HostRelease("fakeos", "", "42", "", false, Map.of());
                    Verdict verdict = Compatibility.check(ExtensionKind.CONFEXT, host, image.name(), release);
                    assertTrue(!verdict.reason().isEmpty());
                } catch (ConfextException e) {
                    assertTrue(!e.getMessage().isEmpty());
                }
            }
            assertEquals(images, ImageScanner.of(ExtensionKind.CONFEXT, root).discover(), "deterministic");
        } finally {
            try (Stream<Path> paths = Files.walk(temp)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void build(Path base, List<Entry> entries) throws IOException {
        for (Entry e : entries) {
            Path p = base.resolve(DIRS.get(e.dir()).substring(1)).resolve(NAMES.get(e.name()));
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createDirectories(p.getParent());
            switch (e.kind()) {
                case 0 -> {
                    Files.createDirectories(p);
                    Path release = p.resolve("etc/extension-release.d/extension-release." + NAMES.get(e.name()));
                    Files.createDirectories(release.getParent());
                    Files.write(release, "ID=fakeos\nVERSION_ID=42\n".getBytes(StandardCharsets.UTF_8));
                }
                case 1 -> Files.write(p, new byte[] {1, 2, 3});
                default -> Files.createSymbolicLink(p, Path.of(e.target()));
            }
        }
    }
}
