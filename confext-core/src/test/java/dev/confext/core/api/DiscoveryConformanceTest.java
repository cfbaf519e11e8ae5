package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.confext.core.testing.ConformanceCase;
import dev.confext.core.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Discovery and compatibility against what systemd 262 did with the shared conformance fixtures: every
 * case's root is built with its {@code make-root.sh}, then our {@code list} set must equal the oracle's,
 * and for cases made only of directory images our verdicts must accept exactly the images it merged.
 */
class DiscoveryConformanceTest {
    private static final Map<String, Path> ROOTS = new HashMap<>();
    private static Path workspace;

    static List<ConformanceCase> cases() throws IOException {
        return ConformanceCase.all();
    }

    /**
     * Cases whose oracle list shows only directory images and whose first merge either worked or failed
     * on the host os-release: there the merged set is exactly the set of compatible images.
     */
    @SuppressWarnings("unchecked")
    static List<ConformanceCase> directoryOnlyCases() throws IOException {
        return ConformanceCase.all().stream()
                .filter(c -> Long.valueOf(0).equals(c.get("list", "exit")))
                .filter(c -> ((List<Map<String, Object>>) c.get("list", "images")).stream()
                        .allMatch(i -> "directory".equals(i.get("type"))))
                .filter(c -> Long.valueOf(0).equals(c.get("merge", "exit")) || isOsReleaseFailure(c))
                .toList();
    }

    private static boolean isOsReleaseFailure(ConformanceCase testCase) {
        String first = firstLine(testCase, "merge");
        return first != null && first.startsWith("Failed to acquire 'os-release'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void discover_matchesOracleList(ConformanceCase testCase) throws Exception {
        Path root = root(testCase);
        ImageScanner scanner = ImageScanner.of(testCase.kind(), Root.of(root));
        long exit = (Long) testCase.get("list", "exit");
        if (exit != 0) {
            DiscoveryException e = assertThrows(DiscoveryException.class, scanner::discover);
            @SuppressWarnings("unchecked")
            List<String> stderr = (List<String>) testCase.get("list", "stderr");
            assertEquals(stderr.get(stderr.size() - 1), e.getMessage());
            return;
        }
        TreeSet<String> found = new TreeSet<>();
        for (DiscoveredImage image : scanner.discover()) {
            String path = image.path().hostPath().toString();
            found.add(image.name() + "|" + image.type().word() + "|" + "<ROOT>" + path.substring(root.toString().length()));
        }
        assertEquals(testCase.listedImages(), found, "summary.json list.images");
        assertEquals(testCase.listJsonImages(), found, "10-list.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directoryOnlyCases")
    void compatibility_directoryImages_matchMergedSet(ConformanceCase testCase) throws Exception {
        Path root = root(testCase);
        Root r = Root.of(root);
        List<DiscoveredImage> images = ImageScanner.of(testCase.kind(), r).discover();
        String firstMergeError = firstLine(testCase, "merge");
        if (isOsReleaseFailure(testCase)) {
            ConfextException e = assertThrows(ConfextException.class,
                    () -> HostRelease.read(r, testCase.kind(), testCase.environment()));
            assertEquals(firstMergeError.replace("<ROOT>", root.toString()), e.getMessage());
            return;
        }
        HostRelease host = HostRelease.read(r, testCase.kind(), testCase.environment());
        TreeSet<String> accepted = new TreeSet<>();
        for (DiscoveredImage image : images) {
            Optional<Map<String, String>> release;
            try {
                release = ExtensionRelease.find(Root.of(image.path().hostPath()), image.name(), testCase.kind())
                        .map(ReleaseFile::values);
            } catch (ConfextException e) {
                release = Optional.empty();
            }
            Verdict verdict = Compatibility.check(testCase.kind(), host, image.name(), release);
            if (verdict.compatible()) {
                accepted.add(image.name());
            }
        }
        assertEquals(testCase.mergedExtensions(), accepted);
    }

    @SuppressWarnings("unchecked")
    private static String firstLine(ConformanceCase testCase, String verb) {
        Object stderr = testCase.get(verb, "stderr");
        return stderr instanceof List<?> list && !list.isEmpty() ? list.get(0).toString() : null;
    }

    private static synchronized Path root(ConformanceCase testCase) throws Exception {
        TestEnvironment.requireRoot();
        TestEnvironment.requireTool("mkfs.erofs");
        TestEnvironment.requireTool("mksquashfs");
        Path existing = ROOTS.get(testCase.name());
        if (existing != null) {
            return existing;
        }
        if (workspace == null) {
            workspace = Files.createTempDirectory("confext-discovery-conformance");
        }
        Path root = workspace.resolve(testCase.name());
        testCase.build(root);
        ROOTS.put(testCase.name(), root);
        return root;
    }

    @AfterAll
    static void removeRoots() throws IOException {
        if (workspace == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(workspace)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
