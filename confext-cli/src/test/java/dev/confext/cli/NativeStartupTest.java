package dev.confext.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JNA start-up shortcuts of the CLI: the library directories named up front, the unpacked dispatch library. */
class NativeStartupTest {
    @Test
    void platformLibraryPath_amd64_multiarchDirectoriesFirst() {
        assertEquals("/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu:/usr/lib64:/lib64:/usr/lib:/lib",
                NativeStartup.platformLibraryPath("amd64"));
    }

    @Test
    void platformLibraryPath_unknownArchitecture_classicDirectoriesOnly() {
        assertEquals("/usr/lib64:/lib64:/usr/lib:/lib", NativeStartup.platformLibraryPath("vax"));
    }

    @Test
    void unpackDispatchLibrary_emptyCache_writesTheJarsLibraryAndNoLeftovers(@TempDir Path temp) throws Exception {
        //  temp/cache/                 (created)
        //      libjnidispatch.so       the bytes of JNA's resource for this platform
        Path cache = temp.resolve("cache");

        assertTrue(NativeStartup.unpackDispatchLibrary(cache));

        String resource = "com/sun/jna/" + com.sun.jna.Platform.RESOURCE_PREFIX + "/libjnidispatch.so";
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertArrayEquals(in.readAllBytes(), Files.readAllBytes(cache.resolve("libjnidispatch.so")));
        }
        try (var entries = Files.list(cache)) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    void unpack_blockDigestHelper_writesTheBuiltLibrary(@TempDir Path temp) throws Exception {
        //  temp/cache/
        //      libconfext-block-digests.so     the verity module's helper, as its build bundled it
        String resource = NativeStartup.blockDigestsResource();
        byte[] expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            TestEnvironment.require(in != null, resource + " was not built (no C compiler)");
            expected = in.readAllBytes();
        }
        Path cache = temp.resolve("cache");

        assertTrue(NativeStartup.unpack(resource, cache, "libconfext-block-digests.so"));

        assertArrayEquals(expected, Files.readAllBytes(cache.resolve("libconfext-block-digests.so")));
    }
}
