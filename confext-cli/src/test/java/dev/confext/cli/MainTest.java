package dev.confext.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private record Run(int status, String out, String err) {}

    private static Run run(String tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(tool, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void run_confext_helpNamesConfextAndEtc() {
        Run r = run("confext", "help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("confext [OPTIONS...] [COMMAND]"), r.out());
        assertTrue(r.out().contains("/etc/"), r.out());
    }

    @Test
    void run_sysext_helpNamesSysextAndUsr() {
        Run r = run("sysext", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("sysext [OPTIONS...] [COMMAND]"), r.out());
        assertTrue(r.out().contains("/usr/ and /opt/"), r.out());
    }

    @Test
    void run_missingRoot_failsDiscoveryAsUpstream() {
        Run r = run("confext", "list", "--json=short", "--root=/nonexistent-confext-test-root");
        assertEquals(1, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals("Failed to discover images: No such file or directory\n", r.err());
    }

    /*
     * root/
     *   var/lib/extensions/forsysext/
     *   var/lib/confexts/forconfext/
     */
    @Test
    void run_eachToolSearchesItsOwnDirectories(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("var/lib/extensions/forsysext"));
        Files.createDirectories(root.resolve("var/lib/confexts/forconfext"));
        Run confext = run("confext", "list", "--no-legend", "--root=" + root);
        Run sysext = run("sysext", "list", "--no-legend", "--root=" + root);
        assertTrue(confext.out().startsWith("forconfext directory " + root + "/var/lib/confexts/forconfext "), confext.out());
        assertEquals(1, confext.out().lines().count(), confext.out());
        assertTrue(sysext.out().startsWith("forsysext directory " + root + "/var/lib/extensions/forsysext "), sysext.out());
        assertEquals(1, sysext.out().lines().count(), sysext.out());
    }

    @Test
    void run_unknownTool_explainsTheLaunchers() {
        Run r = run("frob");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("bin/confext"), r.err());
    }
}
