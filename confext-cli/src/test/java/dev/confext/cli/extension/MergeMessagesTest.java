package dev.confext.cli.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.mount.api.ExecutionEvent;
import dev.confext.mount.plan.Step;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executor's events become systemd's messages, in systemd's order. */
class MergeMessagesTest {
    @Test
    void on_refreshOfTwoHierarchies_usingThenAllUnmergedThenAllMerged() {
        Captured c = new Captured();
        MergeMessages messages = new MergeMessages(c.err);
        messages.on(new ExecutionEvent.ExtensionsSelected(List.of("bar", "baz.raw"), List.of("bar", "baz")));
        messages.on(new ExecutionEvent.StepStarted(Step.Kind.MOUNT_OVERLAY, "/usr", "..."));
        messages.on(new ExecutionEvent.HierarchyUnmerged("/usr", Path.of("/r/usr")));
        messages.on(new ExecutionEvent.HierarchyMerged("/usr", Path.of("/r/usr"), true, true));
        messages.on(new ExecutionEvent.HierarchyUnmerged("/opt", Path.of("/r/opt")));
        messages.on(new ExecutionEvent.HierarchyMerged("/opt", Path.of("/r/opt"), true, true));
        messages.flush();
        assertEquals("Using extensions 'bar', 'baz.raw'.\n"
                + "Unmerged '/r/usr'.\nUnmerged '/r/opt'.\n"
                + "Merged extensions into '/r/usr'.\nMerged extensions into '/r/opt'.\n", c.err());
    }

    @Test
    void on_noExtensionsInMutableMode_saysProceedingInMutableMode() {
        Captured c = new Captured();
        MergeMessages messages = new MergeMessages(c.err);
        messages.on(new ExecutionEvent.ExtensionsSelected(List.of(), List.of()));
        messages.flush();
        assertEquals("No extensions found, proceeding in mutable mode.\n", c.err());
    }

    @Test
    void on_brokenImageWithSkipBroken_isReported() {
        Captured c = new Captured();
        new MergeMessages(c.err).on(new ExecutionEvent.ImageBroken("junk", "Package not installed"));
        assertEquals("Skipping broken image junk: Package not installed\n", c.err());
    }

    /** A raw image that turns out to be an OS tree once mounted: systemd's metadata read fails with ENOMEDIUM. */
    @Test
    void on_osTreeImageIgnored_reportsTheFailedMetadataReadBeforeUsing() throws Exception {
        Captured c = new Captured();
        MergeMessages messages = new MergeMessages(c.err);
        java.nio.file.Path tree = java.nio.file.Files.createTempDirectory("ostree");
        try {
            java.nio.file.Files.createDirectories(tree.resolve("usr/lib"));
            java.nio.file.Files.writeString(tree.resolve("usr/lib/os-release"), "ID=fakeos\n");
            String reason = new MountedImageValidator(dev.confext.core.api.ExtensionKind.SYSEXT,
                    dev.confext.core.api.HostRelease.read(dev.confext.core.api.Root.of(tree),
                            dev.confext.core.api.ExtensionKind.SYSEXT, java.util.Map.of()))
                    .validate("bad", dev.confext.core.api.Root.of(tree)).reason();
            messages.on(new ExecutionEvent.ImageIgnored("bad", reason));
            messages.on(new ExecutionEvent.ImageIgnored("old", "Extension release data does not match"));
            messages.on(new ExecutionEvent.ExtensionsSelected(List.of("good.raw"), List.of("good")));
        } finally {
            java.nio.file.Files.delete(tree.resolve("usr/lib/os-release"));
            java.nio.file.Files.delete(tree.resolve("usr/lib"));
            java.nio.file.Files.delete(tree.resolve("usr"));
            java.nio.file.Files.delete(tree);
        }
        assertEquals("Failed to mount image: No medium found\nUsing extensions 'good.raw'.\n", c.err());
    }
}
