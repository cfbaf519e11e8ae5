package dev.confext.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.cli.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shared conformance judge on every case with every hard fact: list, merge (extensions, overlay
 * layers, upper directory, mount flags, mutable mode, origin paths), merge-again, write probes, refresh
 * (skipped or not, and the state after it) and unmerge, against what systemd 262 recorded. The judge runs
 * each case in its own private mount namespace against a fixture root.
 */
class ConformanceMergeIT {
    @TempDir
    Path out;

    @Test
    void judge_allFacts_everyCasePasses() throws Exception {
        TestEnvironment.requireRoot();
        TestEnvironment.requireTools("unshare", "python3", "mkfs.erofs", "mksquashfs");
        Path judge = TestEnvironment.shared().resolve("conformance/judge.sh");
        assertTrue(Files.isRegularFile(judge), judge + " is missing");
        Path log = out.resolve("judge.log");
        Process process = new ProcessBuilder("sh", judge.toString(), TestEnvironment.checkout().resolve("bin").toString(),
                out.resolve("results").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.MINUTES), "judge did not finish within 60 minutes");
        String report = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("conformance judge (all facts):\n" + report);
        Matcher summary = Pattern.compile("conformance: (\\d+)/(\\d+) cases pass").matcher(report);
        assertTrue(summary.find(), "no summary line in:\n" + report);
        assertTrue(Integer.parseInt(summary.group(2)) > 0, "no cases ran");
        assertEquals(summary.group(2), summary.group(1), "facts differ from systemd's:\n" + report);
        assertEquals(0, process.exitValue(), report);
    }
}
