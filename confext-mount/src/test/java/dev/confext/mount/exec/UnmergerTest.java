package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.Root;
import dev.confext.mount.api.ExecutionListener;
import dev.confext.mount.api.MountException;
import dev.confext.mount.api.StepHook;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link Unmerger} treats a hierarchy it cannot resolve (nothing is mounted here). */
class UnmergerTest {
    @TempDir
    Path temp;

    private static Unmerger unmergerFor(Path root) {
        return new Unmerger(ExtensionKind.CONFEXT, Root.of(root), ExecutionListener.none(), StepHook.none());
    }

    /**
     * <pre>
     *   T/missing/     (does not exist; the root)
     * </pre>
     */
    @Test
    void unmerge_rootMissing_nothingToDo() throws Exception {
        assertFalse(unmergerFor(temp.resolve("missing")).unmerge("/etc"));
    }

    /**
     * <pre>
     *   T/file         a regular file, given as the root
     * </pre>
     */
    @Test
    void unmerge_rootIsAFile_failsNamingTheJoinedPath() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "not a directory");
        MountException e = assertThrows(MountException.class, () -> unmergerFor(file).unmerge("/etc"));
        assertEquals("Failed to resolve path to hierarchy '" + file.resolve("etc") + "': Not a directory",
                e.getMessage());
    }
}
