package dev.confext.mount.api;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.Root;
import dev.confext.mount.plan.HierarchyPlan;
import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.plan.Overlay;
import dev.confext.mount.plan.PlanPath;
import dev.confext.mount.state.MountEntry;
import dev.confext.mount.state.MountTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a tree look merged without mounting anything: writes a plan's metadata files into each hierarchy
 * ({@code dev} holding the directory's own device, so the "is ours" test passes) and returns a mount table
 * that has our overlay at each merged hierarchy.
 */
final class FakeMerge {
    private FakeMerge() {}

    static MountTable apply(MergePlan plan, Root root) throws IOException {
        ExtensionKind kind = plan.kind();
        List<MountEntry> entries = new ArrayList<>();
        entries.add(new MountEntry(1, 0, 8, 1, "/", "/", List.of("rw"), List.of(), "ext4", "/dev/sda1", "rw"));
        long id = 100;
        for (HierarchyPlan h : plan.hierarchies()) {
            if (h.overlay().isEmpty()) {
                continue;
            }
            Overlay o = h.overlay().get();
            Path host = h.resolved().toHostPath(root.path(), Path.of(PlanPath.STAGING_DIRECTORY));
            Files.createDirectories(host);
            Path meta = host.resolve(kind.metadataDirectory());
            Files.createDirectories(meta);
            long dev = ((Number) Files.getAttribute(host, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & 0xfffff000L);
            long minor = (dev & 0xff) | ((dev >>> 12) & 0xffffff00L);
            Files.writeString(meta.resolve("dev"), major + ":" + minor + "\n", StandardCharsets.UTF_8);
            Files.writeString(meta.resolve(o.metadata().listFileName()), o.metadata().listFile(), StandardCharsets.UTF_8);
            Files.writeString(meta.resolve("origin"), o.metadata().origin(), StandardCharsets.UTF_8);
            if (o.metadata().workDir().isPresent()) {
                Files.writeString(meta.resolve("work_dir"), o.metadata().workDir().get(), StandardCharsets.UTF_8);
            }
            String data = o.mountData(root.path(), Path.of(PlanPath.STAGING_DIRECTORY));
            entries.add(new MountEntry(id++, 1, 0, 99, "/", host.toString(),
                    o.flags().words(), List.of(), "overlay", kind.word(), (o.flags().readOnly() ? "ro," : "rw,") + data));
        }
        return new MountTable(entries);
    }
}
