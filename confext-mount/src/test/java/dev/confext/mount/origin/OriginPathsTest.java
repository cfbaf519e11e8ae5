package dev.confext.mount.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.core.api.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Origin paths as systemd writes them. Fixture:
 * <pre>
 *   TEMP/r/var/lib/confexts/alpha
 *   TEMP/link -> r
 * </pre>
 */
class OriginPathsTest {
    @TempDir
    Path temp;

    @Test
    void recorded_rootWithoutSymlinks_isThePathInsideTheRoot() throws Exception {
        Files.createDirectories(temp.resolve("r/var/lib/confexts/alpha"));
        Root root = Root.of(temp.toRealPath().resolve("r"));
        assertEquals("/var/lib/confexts/alpha", OriginPaths.recorded(root, "/var/lib/confexts/alpha"));
    }

    @Test
    void recorded_rootGivenAsSymlink_isTheFullPathAsGiven() throws Exception {
        Files.createDirectories(temp.resolve("r/var/lib/confexts/alpha"));
        Files.createSymbolicLink(temp.resolve("link"), Path.of("r"));
        Path link = temp.toRealPath().resolve("link");
        assertEquals(link + "/var/lib/confexts/alpha", OriginPaths.recorded(Root.of(link), "/var/lib/confexts/alpha"));
    }

    @Test
    void recorded_hostRoot_isThePath() {
        assertEquals("/var/lib/confexts/alpha", OriginPaths.recorded(Root.host(), "/var/lib/confexts/alpha"));
    }
}
