package dev.confext.cli.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.cli.extension.ExtensionOptions.JsonMode;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.MutableMode;
import dev.confext.core.api.Root;
import dev.confext.mount.plan.Decision;
import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.plan.MutableChoice;
import dev.confext.mount.plan.PlanJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} on a small confext tree; changes nothing.
 *
 * <pre>
 * R/
 * ├── etc/os-release                     ID=fakeos VERSION_ID=42
 * └── var/lib/confexts/alpha/etc/{a.conf, extension-release.d/extension-release.alpha}
 * </pre>
 */
class PlanVerbTest {
    @TempDir
    Path temp;
    Path r;

    @BeforeEach
    void tree() throws Exception {
        r = temp.resolve("root");
        Files.createDirectories(r.resolve("etc"));
        Files.writeString(r.resolve("etc/os-release"), "ID=fakeos\nVERSION_ID=42\n");
        Path alpha = r.resolve("var/lib/confexts/alpha/etc/extension-release.d");
        Files.createDirectories(alpha);
        Files.writeString(alpha.resolve("extension-release.alpha"), "ID=fakeos\nVERSION_ID=42\n");
        Files.writeString(r.resolve("var/lib/confexts/alpha/etc/a.conf"), "a\n");
    }

    private Captured run(JsonMode json, Optional<MutableMode> mutable, Map<String, String> env) {
        ExtensionOptions options = new ExtensionOptions(ExtensionKind.CONFEXT, Root.of(r), true, json, true, false, true,
                false, Optional.empty(), Optional.empty(), mutable, false, false, env);
        Captured c = new Captured();
        c.status = new PlanVerb().run(options, c.out, c.err);
        return c;
    }

    @Test
    void run_jsonShort_readableStablePlan() throws Exception {
        Captured c = run(JsonMode.SHORT, Optional.of(MutableMode.YES), Map.of());
        assertEquals(0, c.status, c.err());
        MergePlan plan = PlanJson.read(c.out());
        assertEquals(Decision.MERGE, plan.decision());
        assertEquals(new MutableChoice(MutableMode.YES, MutableChoice.Source.COMMAND_LINE), plan.mutable());
        assertTrue(!c.out().contains(r.toString()), "no absolute path of the machine in the plan");
        assertTrue(!Files.exists(r.resolve("var/lib/extensions.mutable")), "plan changes nothing");
    }

    @Test
    void run_environmentMode_beatsDefault_unparsableWarns() throws Exception {
        Captured env = run(JsonMode.SHORT, Optional.empty(), Map.of("SYSTEMD_CONFEXT_MUTABLE_MODE", "ephemeral"));
        assertEquals(MutableMode.EPHEMERAL, PlanJson.read(env.out()).mutable().mode());
        Captured bad = run(JsonMode.SHORT, Optional.empty(), Map.of("SYSTEMD_CONFEXT_MUTABLE_MODE", "sometimes"));
        assertEquals(MutableMode.NO, PlanJson.read(bad.out()).mutable().mode());
        assertTrue(bad.err().contains("SYSTEMD_CONFEXT_MUTABLE_MODE"), bad.err());
    }

    @Test
    void run_text_listsLayersTopToBottom() {
        Captured c = run(JsonMode.OFF, Optional.empty(), Map.of());
        assertEquals(0, c.status, c.err());
        assertTrue(c.out().contains("    meta  /run/systemd/sysext/meta/etc\n"
                + "    extension:alpha  /run/systemd/sysext/confexts/alpha/etc\n"
                + "    host:/etc  /etc\n"), c.out());
        assertTrue(c.out().contains("Using extensions 'alpha'."), c.out());
    }

    @Test
    void run_noHostOsRelease_failsWithMessage() throws Exception {
        Files.delete(r.resolve("etc/os-release"));
        Captured c = run(JsonMode.OFF, Optional.empty(), Map.of());
        assertEquals(1, c.status);
        assertTrue(c.err().contains("os-release"), c.err());
    }
}
