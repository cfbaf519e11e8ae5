package dev.confext.mount.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.ExtensionConfig;
import dev.confext.core.api.Hierarchies;
import dev.confext.core.api.HostRelease;
import dev.confext.core.api.ImageScanner;
import dev.confext.core.api.Root;
import dev.confext.mount.plan.Decision;
import dev.confext.mount.plan.HierarchyPlan;
import dev.confext.mount.plan.ImageVerdict;
import dev.confext.mount.plan.Layer;
import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.plan.MutableChoice;
import dev.confext.mount.plan.Operation;
import dev.confext.mount.plan.Overlay;
import dev.confext.mount.plan.PlanPath;
import dev.confext.mount.plan.SkipCheck;
import dev.confext.mount.state.MountTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Plans every shared conformance case without mounting and compares with what systemd v262 did: the
 * merged hierarchies, their layers top to bottom, upper directory, mount flags, extension list, the origin
 * document (volatile fields masked) and the first info message; then fakes the merge and checks that a
 * refresh of an unchanged tree is skipped. Layers of raw images are only known once they are mounted, so a
 * conditional layer the oracle did not use is left out of the comparison.
 */
class MergePlannerConformanceTest {

    @TestFactory
    Stream<DynamicTest> plan_matchesOracle() throws Exception {
        PlanTestEnvironment.requireTool("mkfs.erofs");
        PlanTestEnvironment.requireTool("mksquashfs");
        List<DynamicTest> tests = new ArrayList<>();
        for (ConformanceCase c : ConformanceCase.all()) {
            tests.add(DynamicTest.dynamicTest(c.name, () -> check(c)));
        }
        return tests.stream();
    }

    private static final class Inputs {
        PlanRequest request;
        List<ImageCandidate> candidates;
        HostRelease host;
        List<DiscoveredImage> images;
    }

    private static Inputs inputs(ConformanceCase c, Root root, Operation op, Optional<dev.confext.mount.plan.Origin> current)
            throws ConfextException {
        Inputs in = new Inputs();
        List<String> hierarchies = Hierarchies.fromEnvironment(c.kind, c.environment);
        ExtensionConfig config = ExtensionConfig.read(root, c.kind);
        MutableChoice mutable = PlanRequest.mutableMode(c.kind, c.mutableArgument(), c.environment, config.mutable(), w -> { });
        in.request = new PlanRequest(c.kind, root, op, hierarchies, mutable, false, Optional.empty(),
                op == Operation.REFRESH && c.alwaysRefresh(), Optional.empty(),
                PlanRequest.overlayOptions(c.kind, c.environment));
        in.images = ImageScanner.of(c.kind, root).discover();
        in.host = HostRelease.read(root, c.kind, c.environment);
        in.candidates = ImageValidation.validate(c.kind, root, in.host, in.images, false, current);
        return in;
    }

    @SuppressWarnings("unchecked")
    private static void check(ConformanceCase c) throws Exception {
        Path temp = Files.createTempDirectory("plan-conformance-");
        try {
            Root root = c.buildRoot(temp);
            Map<String, Object> merge = c.section("merge");
            long exit = (Long) merge.get("exit");
            List<String> stderr = (List<String>) merge.get("stderr");
            Inputs in;
            MergePlan plan;
            try {
                in = inputs(c, root, Operation.MERGE, Optional.empty());
                plan = MergePlanner.of(in.request).plan(in.candidates, MountTable.empty());
            } catch (ConfextException e) {
                assertEquals(1, exit, c.name + ": we failed but the oracle merged: " + e.getMessage());
                String expected = stderr.get(0).replace("<ROOT>", root.path().toString());
                assertTrue(expected.contains(e.getMessage()) || e.getMessage().contains(expected),
                        c.name + ": message '" + e.getMessage() + "' vs oracle '" + expected + "'");
                return;
            }
            boolean pending = !plan.images(ImageVerdict.Status.PENDING).isEmpty();
            if (exit != 0) {
                assertTrue(pending, c.name + ": the oracle failed (" + stderr + ") but we planned " + plan.decision());
                return; // decided when the pending images are mounted
            }
            assertTrue(stderr.contains(plan.messages().get(0)),
                    c.name + ": message '" + plan.messages().get(0) + "' not among the oracle's " + stderr);
            Map<String, Object> merged = (Map<String, Object>) merge.get("merged");
            compareMerged(c, root, plan, merged == null ? Map.of() : merged);

            // Fake the merge, then plan a refresh of the unchanged tree.
            if (c.preRefreshHook || plan.decision() == Decision.NOTHING) {
                return;
            }
            MountTable table = FakeMerge.apply(plan, root);
            Inputs again = inputs(c, root, Operation.REFRESH,
                    MergePlanner.currentOrigin(in.request.withOperation(Operation.REFRESH), table));
            MergePlan refresh = MergePlanner.of(again.request).plan(again.candidates, table);
            boolean skipped = Boolean.TRUE.equals(c.section("refresh").get("skipped"));
            SkipCheck.Status status = refresh.skipCheck().status();
            if (skipped) {
                assertTrue(status == SkipCheck.Status.UNCHANGED || (pending && status == SkipCheck.Status.AFTER_VALIDATION),
                        c.name + ": refresh of an unchanged tree: " + refresh.skipCheck());
                if (status == SkipCheck.Status.UNCHANGED) {
                    assertEquals(Decision.SKIP, refresh.decision());
                    assertEquals(List.of(Planner_SKIP_MESSAGE), refresh.messages());
                }
            } else if (c.alwaysRefresh()) {
                assertEquals(SkipCheck.Status.UNCHANGED_FORCED, status, c.name);
                assertEquals(Decision.REFRESH, refresh.decision(), c.name);
            }
        } finally {
            deleteTree(temp);
        }
    }

    static final String Planner_SKIP_MESSAGE = "Skipping extension refresh because no change was found, use "
            + "--always-refresh=yes to always do a refresh.";

    @SuppressWarnings("unchecked")
    private static void compareMerged(ConformanceCase c, Root root, MergePlan plan, Map<String, Object> merged) {
        List<String> ours = plan.hierarchies().stream().filter(h -> h.overlay().isPresent())
                .map(HierarchyPlan::hierarchy).toList();
        assertEquals(new java.util.TreeSet<>(merged.keySet()), new java.util.TreeSet<>(ours), c.name + ": merged hierarchies");
        for (HierarchyPlan h : plan.hierarchies()) {
            if (h.overlay().isEmpty()) {
                continue;
            }
            Overlay o = h.overlay().get();
            Map<String, Object> e = (Map<String, Object>) merged.get(h.hierarchy());
            String where = c.name + " " + h.hierarchy() + ": ";
            List<String> expectedLayers = (List<String>) e.get("layers_top_to_bottom");
            List<String> layers = new ArrayList<>();
            for (Layer l : o.layers()) {
                String label = label(l.path(), c);
                if (l.conditional() && !expectedLayers.contains(label)) {
                    continue;
                }
                layers.add(label);
            }
            assertEquals(expectedLayers, layers, where + "layers");
            assertEquals(e.get("upperdir"), o.upper().map(u -> label(u.path(), c)).orElse(null), where + "upperdir");
            assertEquals(e.get("mount_flags"), o.flags().words(), where + "mount flags");
            assertEquals(e.get("extensions"), List.of(o.metadata().listFile().lines().toArray()), where + "extensions");
            assertEquals(e.get("work_dir"), o.metadata().workDir().map(String::strip).orElse(null), where + "work_dir");
            o.upper().ifPresent(u -> assertEquals(e.get("workdir"),
                    u.workdir().base() == PlanPath.Base.ROOT ? "<ROOT>" + u.workdir().path() : u.workdir().toString(),
                    where + "workdir"));
            assertEquals(e.get("origin"), normaliseOrigin(o.metadata().origin()), where + "origin");
        }
    }

    /** The oracle's normalisation: volatile identity fields masked. */
    @SuppressWarnings("unchecked")
    private static Object normaliseOrigin(String text) {
        Object tree = TestJson.parse(text);
        return mask(tree);
    }

    @SuppressWarnings("unchecked")
    private static Object mask(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = (String) e.getKey();
                boolean volatileField = List.of("onMountId", "inode", "crtime", "mtime", "fileHandle").contains(k);
                out.put(k, volatileField ? "<volatile>" : mask(e.getValue()));
            }
            return out;
        }
        return o;
    }

    /** The oracle's layer names ({@code lib/oracle_util.py _layer_name}). */
    private static String label(PlanPath p, ConformanceCase c) {
        String plural = c.kind.stagingDirectory();
        if (p.base() == PlanPath.Base.STAGING) {
            String s = p.path();
            if (s.startsWith("/meta/")) {
                return "meta";
            }
            if (s.startsWith("/" + plural + "/")) {
                String rest = s.substring(plural.length() + 2);
                return "extension:" + rest.substring(0, rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
            }
            if (s.startsWith("/mh_workspace/")) {
                return "ephemeral:" + p;
            }
            return "other:" + p;
        }
        if (p.path().startsWith("/var/lib/extensions.mutable/")) {
            return "mutable-dir:" + p.path();
        }
        return "host:" + p.path();
    }

    static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
