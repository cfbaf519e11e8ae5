package dev.confext.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.cli.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shared conformance judge on our extra cases ({@code src/test/resources/conformance-extra}): edge
 * cases of the spec that the shared cases do not cover, recorded from an upstream systemd-sysext 262 build
 * (see the README there). Every hard fact must match. By default the cases listed in its {@code ci-cases}
 * run; {@code -Dconfext.conformanceExtra=all} runs all of them. Same requirements as
 * {@link ConformanceMergeIT} (root, unshare, python3, mkfs.erofs, mksquashfs, the shared conformance
 * harness).
 */
class ConformanceExtraIT {
    @TempDir
    Path out;

    @Test
    void judge_extraCases_everyCasePasses() throws Exception {
        TestEnvironment.requireRoot();
        TestEnvironment.requireTools("unshare", "python3", "mkfs.erofs", "mksquashfs");
        Path shared = TestEnvironment.shared().resolve("conformance");
        assertTrue(Files.isRegularFile(shared.resolve("judge.sh")), shared + "/judge.sh is missing");
        Path extra = TestEnvironment.checkout().resolve("confext-cli/src/test/resources/conformance-extra");
        List<String> command = new ArrayList<>(List.of("sh", extra.resolve("run-extra.sh").toString(),
                shared.toString(), TestEnvironment.checkout().resolve("bin").toString(), out.resolve("results").toString()));
        if (!"all".equals(System.getProperty("confext.conformanceExtra"))) {
            for (String line : Files.readAllLines(extra.resolve("ci-cases"), StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    assertTrue(Files.isDirectory(extra.resolve("cases").resolve(line.strip())), "no case " + line);
                    command.add(line.strip());
                }
            }
        }
        Path log = out.resolve("judge.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.MINUTES), "judge did not finish within 60 minutes");
        String report = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("conformance judge (extra cases):\n" + report);
        Matcher summary = Pattern.compile("conformance: (\\d+)/(\\d+) cases pass").matcher(report);
        assertTrue(summary.find(), "no summary line in:\n" + report);
        assertTrue(Integer.parseInt(summary.group(2)) > 0, "no cases ran");
        assertEquals(summary.group(2), summary.group(1), "facts differ from systemd's:\n" + report);
        assertEquals(0, process.exitValue(), report);
    }
}
