package dev.confext.mount.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.HostRelease;
import dev.confext.core.api.ImageScanner;
import dev.confext.core.api.Root;
import dev.confext.mount.plan.Decision;
import dev.confext.mount.plan.ImageVerdict;
import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.plan.Operation;
import dev.confext.mount.plan.SkipCheck;
import dev.confext.mount.state.MountTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The no-op refresh decided before mounting anything: eight erofs confexts (the size of the upstream
 * measurement, 749 ms for a no-op refresh that mounts all eight first), merged (faked: metadata files, our
 * overlay in the mount table, and the images' release files visible in the merged /etc as a real merge shows
 * them), then refreshed unchanged.
 *
 * <pre>
 * R/
 * ├── etc/os-release, etc/extension-release.d/extension-release.ext{0..7} (the merged view)
 * └── var/lib/confexts/ext{0..7}.raw   mkfs.erofs images of etc/{extN.conf, extension-release.d/...}
 * </pre>
 */
class RefreshSkipTest {
    @TempDir
    Path temp;

    private MergePlan plan(Root root, Operation op, MountTable table) throws ConfextException {
        PlanRequest request = PlanRequest.of(ExtensionKind.CONFEXT, root, op);
        List<ImageCandidate> candidates = ImageValidation.validate(ExtensionKind.CONFEXT, root,
                HostRelease.read(root, ExtensionKind.CONFEXT, Map.of()),
                ImageScanner.of(ExtensionKind.CONFEXT, root).discover(), false, MergePlanner.currentOrigin(request, table));
        return MergePlanner.of(request).plan(candidates, table);
    }

    @Test
    void refresh_eightUnchangedErofsImages_skipsWithoutMounting() throws Exception {
        PlanTestEnvironment.requireTool("mkfs.erofs");
        Path r = temp.resolve("root");
        Files.createDirectories(r.resolve("etc/extension-release.d"));
        Files.writeString(r.resolve("etc/os-release"), "ID=fakeos\nVERSION_ID=42\n");
        Files.createDirectories(r.resolve("var/lib/confexts"));
        for (int i = 0; i < 8; i++) {
            String name = "ext" + i;
            Path src = temp.resolve("src-" + name);
            Files.createDirectories(src.resolve("etc/extension-release.d"));
            Files.writeString(src.resolve("etc/" + name + ".conf"), name + "\n");
            Files.writeString(src.resolve("etc/extension-release.d/extension-release." + name), "ID=fakeos\nVERSION_ID=42\n");
            Process p = new ProcessBuilder("mkfs.erofs", r.resolve("var/lib/confexts/" + name + ".raw").toString(),
                    src.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
            Files.writeString(r.resolve("etc/extension-release.d/extension-release." + name), "ID=fakeos\nVERSION_ID=42\n");
        }
        Root root = Root.of(r);
        MergePlan merge = plan(root, Operation.MERGE, MountTable.empty());
        assertEquals(8, merge.images(ImageVerdict.Status.PENDING).size());
        MountTable table = FakeMerge.apply(merge, root);

        MergePlan refresh = plan(root, Operation.REFRESH, table);
        boolean identified = merge.origin().orElseThrow().extensions().values().stream()
                .allMatch(e -> e.onMountId().isPresent());
        if (!identified) {
            // Without a mount id (no statx/handle support) an image's identity is too weak to trust the merged tree.
            assertEquals(SkipCheck.Status.AFTER_VALIDATION, refresh.skipCheck().status());
            return;
        }
        assertEquals(SkipCheck.Status.UNCHANGED, refresh.skipCheck().status(), refresh.skipCheck().reason());
        assertEquals(Decision.SKIP, refresh.decision());
        assertTrue(refresh.steps().isEmpty());

        long[] times = new long[15];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            MergePlan again = plan(root, Operation.REFRESH, table);
            times[i] = System.nanoTime() - start;
            assertEquals(Decision.SKIP, again.decision());
        }
        Arrays.sort(times);
        System.out.printf("no-op refresh decision for 8 erofs images: median %.1f ms, max %.1f ms%n",
                times[times.length / 2] / 1e6, times[times.length - 1] / 1e6);

        // touching one image (new mtime) is a change
        Files.setLastModifiedTime(r.resolve("var/lib/confexts/ext3.raw"),
                java.nio.file.attribute.FileTime.fromMillis(1_800_000_000_000L));
        MergePlan touched = plan(root, Operation.REFRESH, table);
        assertTrue(touched.skipCheck().status() == SkipCheck.Status.CHANGED
                || touched.skipCheck().status() == SkipCheck.Status.AFTER_VALIDATION, touched.skipCheck().toString());
        assertEquals(Optional.of(false), Optional.of(touched.isNoOp()));
    }
}
