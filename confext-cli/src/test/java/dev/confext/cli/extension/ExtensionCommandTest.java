package dev.confext.cli.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.cli.extension.ExtensionOptions.JsonMode;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.MutableMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtensionCommandTest {
    private final RecordingVerb status = new RecordingVerb("status");
    private final RecordingVerb list = new RecordingVerb("list");
    private final Verbs verbs;

    ExtensionCommandTest() {
        Map<String, Verb> map = new LinkedHashMap<>();
        map.put("status", status);
        map.put("list", list);
        verbs = Verbs.of(map);
    }

    private Captured run(String... args) {
        return runAs(ExtensionKind.CONFEXT, args);
    }

    private Captured runAs(ExtensionKind kind, String... args) {
        Captured c = new Captured();
        c.status = ExtensionCommand.run(kind, args, Map.of("FOO", "bar"), verbs, c.out, c.err);
        return c;
    }

    @Test
    void run_noVerb_runsStatusWithDefaults() {
        Captured c = run();
        assertEquals(0, c.status);
        assertEquals("ran status\n", c.out());
        ExtensionOptions o = status.seen;
        assertEquals(ExtensionKind.CONFEXT, o.kind());
        assertTrue(o.root().isHost());
        assertFalse(o.rootGiven());
        assertEquals(JsonMode.OFF, o.json());
        assertTrue(o.legend());
        assertFalse(o.force());
        assertFalse(o.noReload());
        assertFalse(o.alwaysRefresh());
        assertEquals(Optional.empty(), o.imagePolicy());
        assertEquals(Optional.empty(), o.noexec());
        assertEquals(Optional.empty(), o.mutable());
        assertFalse(o.explain());
        assertFalse(o.skipBroken());
        assertEquals(Map.of("FOO", "bar"), o.environment());
    }

    @Test
    void run_sysextKind_isPassedOn() {
        runAs(ExtensionKind.SYSEXT, "list");
        assertEquals(ExtensionKind.SYSEXT, list.seen.kind());
    }

    @Test
    void run_everyOption_isParsed() {
        Captured c = run("--root=/srv/root", "--json=pretty", "--no-legend", "--no-pager", "--force",
                "--always-refresh=yes", "--image-policy=root=verity", "--noexec=off", "--mutable=ephemeral-import",
                "--explain", "--skip-broken", "list");
        assertEquals(0, c.status, c.err());
        ExtensionOptions o = list.seen;
        assertEquals(Path.of("/srv/root"), o.root().path());
        assertTrue(o.rootGiven());
        assertTrue(o.noReload(), "--root= implies --no-reload");
        assertEquals(JsonMode.PRETTY, o.json());
        assertFalse(o.legend());
        assertTrue(o.force());
        assertTrue(o.alwaysRefresh());
        assertEquals(Optional.of("root=verity"), o.imagePolicy());
        assertEquals(Optional.of(false), o.noexec());
        assertEquals(Optional.of(MutableMode.EPHEMERAL_IMPORT), o.mutable());
        assertTrue(o.explain());
        assertTrue(o.skipBroken());
    }

    @Test
    void run_optionsAfterVerb_areParsed() {
        run("list", "--json=short", "--no-reload");
        assertEquals(JsonMode.SHORT, list.seen.json());
        assertTrue(list.seen.noReload());
    }

    @Test
    void run_valueAsNextWord_isAccepted() {
        run("--root", "/srv/x", "--json", "short", "list");
        assertEquals(Path.of("/srv/x"), list.seen.root().path());
        assertEquals(JsonMode.SHORT, list.seen.json());
    }

    @Test
    void run_valueLookingLikeAnOption_isTakenAsValue() {
        Captured c = run("--root", "--force", "list");
        assertEquals(0, c.status, c.err());
        assertEquals(Path.of("").toAbsolutePath().resolve("--force"), list.seen.root().path());
        assertFalse(list.seen.force());
    }

    @Test
    void run_singleDash_isAVerbName() {
        Captured c = run("-");
        assertEquals(1, c.status);
        assertEquals("Unknown command verb '-'.\n", c.err());
    }

    @Test
    void run_relativeRoot_isMadeAbsoluteAndSimplified() {
        run("--root=a//b/./c/", "list");
        assertEquals(Path.of("").toAbsolutePath().resolve("a/b/c"), list.seen.root().path());
    }

    @Test
    void run_emptyRoot_meansNoRootButStillNoReload() {
        run("--root=", "list");
        assertTrue(list.seen.root().isHost());
        assertTrue(list.seen.rootGiven());
        assertTrue(list.seen.noReload());
    }

    @Test
    void run_slashRoot_isKeptAndImpliesNoReload() {
        run("--root=/", "list");
        assertTrue(list.seen.root().isHost());
        assertTrue(list.seen.noReload());
    }

    @Test
    void run_lastOfRepeatedOption_wins() {
        run("--json=short", "--json=off", "--root=/a", "--root=/b", "list");
        assertEquals(JsonMode.OFF, list.seen.json());
        assertEquals(Path.of("/b"), list.seen.root().path());
    }

    @Test
    void run_uniquePrefix_isExpanded() {
        run("--ro=/p", "--al=1", "--expl", "list");
        assertEquals(Path.of("/p"), list.seen.root().path());
        assertTrue(list.seen.alwaysRefresh());
        assertTrue(list.seen.explain());
    }

    @Test
    void run_ambiguousPrefix_failsListingCandidates() {
        Captured c = run("--no", "list");
        assertEquals(1, c.status);
        assertEquals("confext: option '--no' is ambiguous; possibilities: '--no-pager' '--no-legend' '--noexec'"
                + " '--no-reload'\n", c.err());
        assertNull(list.seen);
    }

    @Test
    void run_unknownOption_failsLikeGetopt() {
        Captured c = run("--frobnicate=1");
        assertEquals(1, c.status);
        assertEquals("confext: unrecognized option '--frobnicate=1'\n", c.err());
        assertEquals("", c.out());
    }

    @Test
    void run_unknownShortOption_failsLikeGetopt() {
        Captured c = runAs(ExtensionKind.SYSEXT, "-x");
        assertEquals(1, c.status);
        assertEquals("sysext: invalid option -- 'x'\n", c.err());
    }

    @Test
    void run_missingArgument_failsLikeGetopt() {
        Captured c = run("list", "--root");
        assertEquals(1, c.status);
        assertEquals("confext: option '--root' requires an argument\n", c.err());
    }

    @Test
    void run_argumentToFlag_failsLikeGetopt() {
        Captured c = run("--force=yes");
        assertEquals(1, c.status);
        assertEquals("confext: option '--force' doesn't allow an argument\n", c.err());
    }

    @Test
    void run_badBoolean_failsWithSystemdMessage() {
        Captured c = run("--noexec=perhaps", "list");
        assertEquals(1, c.status);
        assertEquals("Failed to parse boolean argument to '--noexec': perhaps\n", c.err());
        assertNull(list.seen);
    }

    @Test
    void run_badAlwaysRefresh_failsWithSystemdMessage() {
        Captured c = run("--always-refresh=x", "refresh");
        assertEquals(1, c.status);
        assertEquals("Failed to parse boolean argument to '--always-refresh': x\n", c.err());
    }

    @Test
    void run_booleanWords_areCaseInsensitive() {
        run("--always-refresh=ON", "--noexec=T", "list");
        assertTrue(list.seen.alwaysRefresh());
        assertEquals(Optional.of(true), list.seen.noexec());
    }

    @Test
    void run_badJson_failsWithSystemdMessage() {
        Captured c = run("--json=fancy");
        assertEquals(1, c.status);
        assertEquals("Unknown argument to --json= switch: fancy\n", c.err());
    }

    @Test
    void run_jsonHelp_listsModesAndStops() {
        Captured c = run("--json=help", "--bogus");
        assertEquals(0, c.status, c.err());
        assertEquals("pretty\nshort\noff\n", c.out());
        assertNull(status.seen);
    }

    @Test
    void run_badMutable_failsWithSystemdMessage() {
        Captured c = run("--mutable=Yes-please");
        assertEquals(1, c.status);
        assertEquals("Failed to parse argument to --mutable=: Yes-please\n", c.err());
    }

    @Test
    void run_mutableModeNames_areCaseSensitive() {
        assertEquals(1, run("--mutable=Auto").status);
        run("--mutable=TRUE", "list");
        assertEquals(Optional.of(MutableMode.YES), list.seen.mutable());
    }

    @Test
    void run_mutableHelp_listsModesWithLegend() {
        Captured c = run("--mutable=help");
        assertEquals(0, c.status);
        assertEquals("Known mutability modes:\nno\nyes\nauto\nimport\nephemeral\nephemeral-import\n", c.out());
    }

    @Test
    void run_mutableHelpAfterNoLegend_listsModesOnly() {
        Captured c = run("--no-legend", "--mutable=help");
        assertEquals("no\nyes\nauto\nimport\nephemeral\nephemeral-import\n", c.out());
    }

    @Test
    void run_help_printsUsageAndIgnoresTheRest() {
        Captured c = run("-h", "--noexec=garbage", "nonsense");
        assertEquals(0, c.status);
        assertTrue(c.out().startsWith("confext [OPTIONS...] [COMMAND]\n"), c.out());
        assertTrue(c.out().contains("--explain"));
        assertEquals("", c.err());
        assertNull(status.seen);
    }

    @Test
    void run_version_printsVersion() {
        Captured c = runAs(ExtensionKind.SYSEXT, "--version");
        assertEquals(0, c.status);
        assertEquals("sysext " + ExtensionCommand.VERSION + "\n", c.out());
    }

    @Test
    void run_badImagePolicy_failsWithSystemdMessages() {
        Captured c = run("--image-policy=root=verity:root=signed", "list");
        assertEquals(1, c.status);
        assertEquals("Duplicate rule in image policy: root=verity:root=signed\n", c.err());
        assertEquals("Unknown partition type in image policy: bogus=verity\n", run("--image-policy=bogus=verity").err());
        assertEquals("Unknown partition policy flag in image policy: root=shiny\n", run("--image-policy=root=shiny").err());
        assertEquals("Failed to parse image policy: root\n", run("--image-policy=root").err());
        assertNull(list.seen);
    }

    @Test
    void run_goodImagePolicy_isKeptAsGiven() {
        run("--image-policy=root=verity+signed:=ignore", "list");
        assertEquals(Optional.of("root=verity+signed:=ignore"), list.seen.imagePolicy());
    }

    @Test
    void run_badHierarchiesVariable_listStillWorks() {
        // systemd 262 reads the hierarchies only in the verbs that use them: list does not
        Captured c = new Captured();
        c.status = ExtensionCommand.run(ExtensionKind.CONFEXT, new String[] {"list"},
                Map.of("SYSTEMD_CONFEXT_HIERARCHIES", "etc"), verbs, c.out, c.err);
        assertEquals(0, c.status, c.err());
    }

    @Test
    void run_badHierarchiesVariable_statusFails() {
        Captured c = new Captured();
        c.status = ExtensionCommand.run(ExtensionKind.SYSEXT, new String[] {"--root=/nonexistent", "status"},
                Map.of("SYSTEMD_SYSEXT_HIERARCHIES", "/usr::/opt"), Verbs.standard(), c.out, c.err);
        assertEquals(1, c.status);
        assertEquals("Failed to determine sysext hierarchies: Invalid argument\n", c.err());
    }

    @Test
    void run_otherKindsHierarchiesVariable_isIgnored() {
        Captured c = new Captured();
        c.status = ExtensionCommand.run(ExtensionKind.CONFEXT, new String[] {"list"},
                Map.of("SYSTEMD_SYSEXT_HIERARCHIES", "usr"), verbs, c.out, c.err);
        assertEquals(0, c.status, c.err());
    }

    @Test
    void run_unknownVerb_failsWithSystemdMessage() {
        Captured c = run("frobnicate");
        assertEquals(1, c.status);
        assertEquals("Unknown command verb 'frobnicate'.\n", c.err());
    }

    @Test
    void run_secondOperand_isTooMany() {
        Captured c = run("list", "extra");
        assertEquals(1, c.status);
        assertEquals("Too many arguments.\n", c.err());
        assertNull(list.seen);
    }

    @Test
    void run_doubleDash_endsOptions() {
        Captured c = run("--", "--json=short");
        assertEquals(1, c.status);
        assertEquals("Unknown command verb '--json=short'.\n", c.err());
    }

    @Test
    void run_atFile_isNotExpanded() {
        Captured c = run("@/etc/passwd");
        assertEquals("Unknown command verb '@/etc/passwd'.\n", c.err());
    }

    @Test
    void run_verbThrowsUnchecked_oneLineNoStackTrace() {
        Verb broken = (options, out, err) -> {
            throw new IllegalStateException("boom");
        };
        Captured c = new Captured();
        c.status = ExtensionCommand.run(ExtensionKind.CONFEXT, new String[] {"x"}, Map.of(),
                Verbs.of(Map.of("x", broken)), c.out, c.err);
        assertEquals(1, c.status);
        assertEquals("Unexpected failure: java.lang.IllegalStateException: boom\n", c.err());
    }

    @Test
    void standardVerbs_knowEverySystemdVerbAndPlan() {
        Verbs standard = Verbs.standard();
        for (String verb : new String[] {"status", "merge", "unmerge", "refresh", "list", "help", "plan"}) {
            assertTrue(standard.find(verb).isPresent(), verb);
        }
        assertFalse(standard.find("mount").isPresent());
    }
}
