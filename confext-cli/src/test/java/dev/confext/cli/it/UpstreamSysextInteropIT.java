package dev.confext.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confext.cli.TestEnvironment;
import dev.confext.mount.plan.OriginJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interoperation with a recent upstream {@code systemd-sysext} (v260 or newer, i.e. one that writes the
 * {@code origin} document), named by the environment variable {@code CONFEXT_UPSTREAM_SYSEXT}; without it
 * every test here is skipped (the binary is not something CI installs). The upstream binary picks sysext or
 * confext from the name it is called by, so it is called through a symlink named {@code systemd-CLASS}.
 *
 * <p>On one fixture root (a shared conformance case's {@code make-root.sh}, see the case catalogue in
 * {@code ../shared/conformance/README.md}; for example {@code basic-dir}:
 * <pre>
 *   r/etc/os-release                     ID=fakeos VERSION_ID=42
 *   r/etc/{hostname,shared.conf,...}     host files
 *   r/var/lib/confexts/alpha/etc/...     one directory confext with extension-release.alpha
 * </pre>
 * ) both directions run one after the other: upstream merges and we run status, refresh (must skip and
 * leave the overlay alone) and unmerge; then we merge and upstream does the same. The two origin documents
 * of that same state must be the same JSON document (same fields, same identity values), byte for byte when
 * at most one extension is merged (with several, upstream writes them in hash-table order).
 *
 * <p>Run: {@code CONFEXT_UPSTREAM_SYSEXT=/path/to/systemd-sysext mvn -B -o -pl confext-cli -am verify
 * -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='*InteropIT'} (as root). A binary built from
 * a systemd source tree works in place: it finds its shared library through its run path.
 */
class UpstreamSysextInteropIT {
    private static final String SKIPPED = "Skipping extension refresh because no change was found";

    @TempDir
    Path temp;

    private Path upstream;

    @BeforeEach
    void requireEnvironment() {
        String configured = System.getenv("CONFEXT_UPSTREAM_SYSEXT");
        assumeTrue(configured != null && !configured.isEmpty(),
                "CONFEXT_UPSTREAM_SYSEXT does not name an upstream systemd-sysext binary (v260 or newer)");
        upstream = Path.of(configured).toAbsolutePath();
        assumeTrue(Files.isExecutable(upstream), "CONFEXT_UPSTREAM_SYSEXT=" + configured + " is not executable");
        TestEnvironment.requireRoot();
        TestEnvironment.requireTools("unshare", "mkfs.erofs", "mksquashfs");
    }

    /** Shell lines that load case {@code name}, build its root in {@code $R} and define {@code $UP} and {@code $US}. */
    private String prelude(String name) {
        return prelude(name, "$R");
    }

    /**
     * As {@link #prelude(String)}, the tools getting {@code --root=ROOTARG} (a shell word; a symlink to
     * {@code $R} is made at {@code $T/link}).
     */
    private String prelude(String name, String rootArgument) {
        return String.join("\n",
                "CASE=" + name,
                "CLASS=confext; ARGS=; MERGE_ARGS=; CASE_ENV=",
                ". \"$CASES/$CASE/case.env\"",
                "if [ $CLASS = confext ]; then META=.systemd-confext; H=etc; LIST=confexts;"
                        + " else META=.systemd-sysext; H=usr; LIST=extensions; fi",
                "mkdir -p $T/up && ln -sf '" + upstream + "' $T/up/systemd-$CLASS",
                "R=$T/r",
                "build() { rm -rf $R && sh \"$CASES/$CASE/make-root.sh\" $R >/dev/null 2>&1; }",
                "build || exit 90",
                "ln -s r $T/link",
                "UP=\"env $CASE_ENV $T/up/systemd-$CLASS --no-pager --root=" + rootArgument + " $ARGS\"",
                "US=\"env $CASE_ENV $B/$CLASS --no-pager --root=" + rootArgument + " $ARGS\"");
    }

    /** Merge with {@code merger}, then status/refresh/unmerge with {@code reader}; lines prefixed with {@code tag}. */
    private static String crossRun(String tag, String merger, String reader) {
        return String.join("\n",
                merger + " $MERGE_ARGS merge >$T/" + tag + ".merge.log 2>&1 || { cat $T/" + tag + ".merge.log; exit 92; }",
                "cp $R/$H/$META/origin $T/origin." + tag + " || exit 93",
                "echo \"" + tag + "-merged: $(paste -sd, $R/$H/$META/$LIST)\"",
                "echo \"" + tag + "-status: $(" + reader + " status --json=short)\"",
                "{ " + reader + " refresh 2>&1; echo \"exit=$?\"; } | sed 's/^/" + tag + "-refresh: /'",
                "echo \"" + tag + "-merged-after-refresh: $(paste -sd, $R/$H/$META/$LIST)\"",
                reader + " unmerge >/dev/null 2>&1; echo \"" + tag + "-unmerge-exit=$?\"",
                "echo \"" + tag + "-left=$(mounts $R | wc -l)\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basic-dir", "raw-images", "symlinks", "vpick-symlinks", "mutable-yes",
            "mutable-ephemeral-import", "mutable-yes-no-extensions", "sysext-basic", "sysext-mutable-yes"})
    void lifecycle_mergedByEitherTool_otherToolReadsSkipsAndUnmerges(String name) throws Exception {
        String out = new PrivateNamespaceShell(temp).run(String.join("\n", prelude(name),
                crossRun("upstream", "$UP", "$US"),
                crossRun("ours", "$US", "$UP"),
                "echo hierarchy=/$H"));
        String hierarchy = field(out, "hierarchy");
        for (String merger : List.of("upstream", "ours")) {
            String names = field(out, merger + "-merged");
            String expected = "\"hierarchy\":\"" + hierarchy + "\",\"extensions\":" + jsonArray(names);
            assertTrue(field(out, merger + "-status").contains(expected),
                    "status of the " + merger + " merge lacks " + expected + ":\n" + out);
            assertTrue(out.contains(merger + "-refresh: " + SKIPPED), "refresh of the " + merger + " merge not skipped:\n" + out);
            assertTrue(out.contains(merger + "-refresh: exit=0"), out);
            assertFalse(out.contains(merger + "-refresh: Unmerged") || out.contains(merger + "-refresh: Merged"),
                    "skipped refresh touched the mounts:\n" + out);
            assertEquals(names, field(out, merger + "-merged-after-refresh"), out);
            assertEquals("0", field(out, merger + "-unmerge-exit"), out);
            assertEquals("0", field(out, merger + "-left"), "mounts left after unmerge:\n" + out);
        }
        String upstreamOrigin = Files.readString(temp.resolve("origin.upstream"), StandardCharsets.UTF_8);
        String ourOrigin = Files.readString(temp.resolve("origin.ours"), StandardCharsets.UTF_8);
        assertTrue(OriginJson.sameDocument(upstreamOrigin, ourOrigin),
                "origin documents differ:\nupstream:\n" + upstreamOrigin + "ours:\n" + ourOrigin);
        if (OriginJson.parse(upstreamOrigin).extensions().size() <= 1) {
            assertEquals(upstreamOrigin, ourOrigin, "origin documents differ in their bytes");
        }
    }

    /**
     * A change between the merge by one tool and the refresh by the other (the case's {@code pre_refresh}:
     * an extension added, a directory image replaced by a copy, a raw image touched, the host made
     * incompatible): the refresh is not skipped and leaves the merge the change calls for.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"refresh-add-extension, 'alpha,beta'", "refresh-replace-dir, alpha", "refresh-raw-touch, alpha",
            "refresh-incompatible-now, ''"})
    void refresh_changeAfterTheOtherToolMerged_notSkippedAndConverges(String name, String expected) throws Exception {
        String hook = "hook() { ( T=$R; . \"$CASES/../lib/fixture.sh\"; FX_STAGE=$(mktemp -d /run/stage.XXXXXX);"
                + " pre_refresh ) >/dev/null 2>&1; }";
        String out = new PrivateNamespaceShell(temp).run(String.join("\n", prelude(name), hook,
                "$UP merge >/dev/null 2>&1 || exit 92; hook",
                "$US refresh 2>&1 | sed 's/^/ours-refresh: /'",
                "echo \"ours-merged: $(paste -sd, $R/$H/$META/$LIST 2>/dev/null)\"",
                "echo \"ours-mounted=$(mounts $R | wc -l)\"",
                "$UP unmerge >/dev/null 2>&1; echo \"ours-left=$(mounts $R | wc -l)\"",
                "build || exit 90",
                "$US merge >/dev/null 2>&1 || exit 94; hook",
                "$UP refresh 2>&1 | sed 's/^/upstream-refresh: /'",
                "echo \"upstream-merged: $(paste -sd, $R/$H/$META/$LIST 2>/dev/null)\"",
                "echo \"upstream-mounted=$(mounts $R | wc -l)\"",
                "$US unmerge >/dev/null 2>&1; echo \"upstream-left=$(mounts $R | wc -l)\""));
        for (String refresher : List.of("ours", "upstream")) {
            assertFalse(out.contains(refresher + "-refresh: " + SKIPPED), "refresh skipped despite the change:\n" + out);
            if (expected == null || expected.isEmpty()) {
                assertTrue(out.contains(refresher + "-refresh: Unmerged '<T>/r/etc'."), out);
                assertEquals("0", field(out, refresher + "-mounted"), out);
            } else {
                assertTrue(out.contains(refresher + "-refresh: Merged extensions into '<T>/r/etc'."), out);
                assertEquals(expected, field(out, refresher + "-merged"), out);
                assertEquals("1", field(out, refresher + "-mounted"), out);
            }
            assertEquals("0", field(out, refresher + "-left"), out);
        }
    }

    /**
     * A {@code --root} given through a symlink ({@code $T/link -> r}): each tool sees the other's merge, skips
     * the refresh and unmerges it, and both write the same origin document (systemd then records full paths).
     */
    @Test
    void lifecycle_rootGivenThroughSymlink_eachToolReadsSkipsAndUnmergesTheOthersMerge() throws Exception {
        String out = new PrivateNamespaceShell(temp).run(String.join("\n", prelude("mutable-yes", "$T/link"),
                crossRun("upstream", "$UP", "$US"),
                crossRun("ours", "$US", "$UP")));
        for (String merger : List.of("upstream", "ours")) {
            assertTrue(field(out, merger + "-status").contains("\"extensions\":[\"alpha\"]"), out);
            assertTrue(out.contains(merger + "-refresh: " + SKIPPED), out);
            assertEquals("0", field(out, merger + "-unmerge-exit"), out);
            assertEquals("0", field(out, merger + "-left"), out);
        }
        String upstreamOrigin = Files.readString(temp.resolve("origin.upstream"), StandardCharsets.UTF_8);
        assertEquals(upstreamOrigin, Files.readString(temp.resolve("origin.ours"), StandardCharsets.UTF_8));
        assertTrue(upstreamOrigin.contains("\"path\" : \"" + temp.toAbsolutePath().resolve("link") + "/var/lib/confexts/alpha\""),
                upstreamOrigin);
    }

    private static String field(String out, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "[:=] ?(.*)$").matcher(out);
        assertTrue(m.find(), "no '" + key + "' line in:\n" + out);
        return m.group(1);
    }

    private static String jsonArray(String commaSeparated) {
        if (commaSeparated.isEmpty()) {
            return "[]";
        }
        return "[\"" + String.join("\",\"", commaSeparated.split(",")) + "\"]";
    }
}
