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
}
