package dev.confext.cli.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confext.cli.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/confext merge} under systemd's image-dissection switches ({@code $SYSTEMD_DISSECT_VERITY_SIDECAR},
 * {@code _EMBEDDED}, {@code _SIGNATURE}, {@code _GUESS}, {@code $SYSTEMD_ALLOW_USERSPACE_VERITY}) on images with
 * verity data, on this kernel without device-mapper, each scenario in a child process under
 * {@code unshare -m --propagation private} against a temporary root. Fixture:
 * <pre>
 *   r/etc/os-release                 ID=fakeos
 *   r/var/lib/confexts/              the scenario's image (and sidecars), copied from:
 *   img/sidecar.raw                  the shared erofs sample (etc/blob.bin, extension-release.sidecar ID=_any) with
 *   img/sidecar.{roothash, roothash.p7s, verity}   its sidecars (scenario image "unsigned": without the .p7s)
 *   img/testconf.raw                 the shared signed repart DDI (root, root-verity, root-verity-sig;
 *                                    etc/testconf.conf, extension-release.testconf ID=_any)
 *   img/rp.raw                       (repart scenario only) built here by systemd-repart: root (erofs:
 *                                    etc/rpfile, extension-release.rp ID=_any) + root-verity, no signature
 * </pre>
 * Each try prints the exit status, whether an extension file arrived in {@code /etc}, and whether the origin
 * records a verity root hash.
 */
class DissectEnvironmentIT {
    @TempDir
    Path temp;

    @BeforeEach
    void requireEnvironment() {
        TestEnvironment.requireRoot();
        TestEnvironment.requireTools("unshare", "gzip");
    }

    private static final String FIXTURE = String.join("\n",
            "mkdir -p $T/r/etc $T/r/var/lib/confexts $T/img || exit 90",
            "echo ID=fakeos > $T/r/etc/os-release",
            "V=$CASES/../../vectors",
            "gzip -dc $V/ddi/testconf-x86-64.confext.raw.gz > $T/img/testconf.raw || exit 90",
            "cp $V/sidecar/sidecar.raw $V/sidecar/sidecar.roothash $V/sidecar/sidecar.roothash.p7s"
                    + " $V/sidecar/sidecar.verity $T/img/ || exit 90",
            "use() { rm -f $T/r/var/lib/confexts/*; case $1 in sidecar) cp $T/img/sidecar.* $T/r/var/lib/confexts/;;"
                    + " unsigned) cp $T/img/sidecar.raw $T/img/sidecar.roothash $T/img/sidecar.verity"
                    + " $T/r/var/lib/confexts/;; *) cp $T/img/$1.raw $T/r/var/lib/confexts/;; esac; }",
            "C=\"$B/confext --no-pager --root=$T/r\"",
            // tryw TOOL IMAGE POLICY ENVIRONMENT...: merge in a subshell with the variables, report, unmerge
            "tryw() { tool=$1; img=$2; pol=$3; shift 3; use $img;"
                    + " ( for v in \"$@\"; do export \"$v\"; done;"
                    + " if [ \"$pol\" = - ]; then $tool merge; else $tool --image-policy=\"$pol\" merge; fi;"
                    + " echo \"$* $img [$pol] exit=$?\" );"
                    + " ls $T/r/etc | grep -q -x -e blob.bin -e testconf.conf -e rpfile && m=merged || m=not-merged;"
                    + " grep -q verityHash $T/r/etc/.systemd-confext/origin 2>/dev/null && h=hash || h=no-hash;"
                    + " echo \"$m $h\"; $tool unmerge >/dev/null 2>&1; }",
            "try() { tryw \"$C\" \"$@\"; }");

    /** Builds {@code img/rp.raw} with systemd-repart (unsigned: the root hash is only in the partition UUIDs). */
    private static final String REPART = String.join("\n",
            "rm -rf $T/rp $T/img/rp.raw",
            "mkdir -p $T/rp/src/etc/extension-release.d $T/rp/defs",
            "echo ID=_any > $T/rp/src/etc/extension-release.d/extension-release.rp",
            "echo repart > $T/rp/src/etc/rpfile",
            "mkfs.erofs --quiet $T/rp/tree.erofs $T/rp/src || exit 92",
            "printf '[Partition]\\nType=root\\nCopyBlocks=%s\\nVerity=data\\nVerityMatchKey=root\\n' $T/rp/tree.erofs"
                    + " > $T/rp/defs/10-root.conf",
            "printf '[Partition]\\nType=root-verity\\nVerity=hash\\nVerityMatchKey=root\\n' > $T/rp/defs/20-verity.conf",
            "systemd-repart --definitions=$T/rp/defs --empty=create --size=auto --dry-run=no $T/img/rp.raw"
                    + " >/dev/null 2>&1 || exit 93");

    private String run(String... lines) throws Exception {
        return new PrivateNamespaceShell(temp).run(FIXTURE + "\necho\n" + String.join("\n", lines));
    }

    private static void assertOutcome(String out, String scenario, String exitStatus, String result) {
        assertTrue(out.contains("\n" + scenario + " exit=" + exitStatus + "\n" + result + "\n"), out);
    }

    @Test
    void merge_sidecarsOff_bareImageWithSidecarsHasNoVerityDataAndMergesUnprotected() throws Exception {
        String out = run("try sidecar -", "try sidecar - SYSTEMD_DISSECT_VERITY_SIDECAR=0",
                "try sidecar root=verity SYSTEMD_DISSECT_VERITY_SIDECAR=0",
                "try sidecar - SYSTEMD_DISSECT_VERITY_SIDECAR=bogus");
        assertTrue(out.contains("The image comes with dm-verity data, so systemd would activate dm-verity for it"), out);
        assertOutcome(out, " sidecar [-]", "1", "not-merged no-hash");
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_SIDECAR=0 sidecar [-]", "0", "merged no-hash");
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_SIDECAR=0 sidecar [root=verity]", "1", "not-merged no-hash");
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_SIDECAR=bogus sidecar [-]", "1", "not-merged no-hash");
    }

    @Test
    void merge_embeddedAndGuessOff_diskImageWithoutKnownRootHashMergesWithoutVerity() throws Exception {
        String out = run("try testconf - SYSTEMD_DISSECT_VERITY_EMBEDDED=0",
                "try testconf - SYSTEMD_DISSECT_VERITY_GUESS=0",
                "try testconf root=verity SYSTEMD_DISSECT_VERITY_EMBEDDED=0 SYSTEMD_DISSECT_VERITY_GUESS=0",
                "try testconf root=encrypted SYSTEMD_DISSECT_VERITY_EMBEDDED=0 SYSTEMD_DISSECT_VERITY_GUESS=0");
        // one source of the root hash left is enough for verity data, which this kernel cannot activate
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_EMBEDDED=0 testconf [-]", "1", "not-merged no-hash");
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_GUESS=0 testconf [-]", "1", "not-merged no-hash");
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_EMBEDDED=0 SYSTEMD_DISSECT_VERITY_GUESS=0 testconf [root=verity]",
                "0", "merged no-hash");
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_EMBEDDED=0 SYSTEMD_DISSECT_VERITY_GUESS=0 testconf"
                + " [root=encrypted]", "1", "not-merged no-hash");
    }

    @Test
    void merge_signatureSwitchesOff_diskImageStillHasVerityDataAndIsRefused() throws Exception {
        String out = run("try testconf root=signed SYSTEMD_DISSECT_VERITY_SIGNATURE=0",
                "try testconf - SYSTEMD_ALLOW_USERSPACE_VERITY=0",
                "try testconf root=signed SYSTEMD_DISSECT_VERITY_SIGNATURE=0 CONFEXT_USERSPACE_VERITY=yes",
                "try testconf root=verity SYSTEMD_DISSECT_VERITY_SIGNATURE=0 CONFEXT_USERSPACE_VERITY=yes");
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_SIGNATURE=0 testconf [root=signed]", "1", "not-merged no-hash");
        assertOutcome(out, "SYSTEMD_ALLOW_USERSPACE_VERITY=0 testconf [-]", "1", "not-merged no-hash");
        assertTrue(out.contains("requires a signed root partition, but signatures are not checked"
                + " ($SYSTEMD_DISSECT_VERITY_SIGNATURE is off)"), out);
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_SIGNATURE=0 CONFEXT_USERSPACE_VERITY=yes testconf [root=signed]",
                "1", "not-merged no-hash");
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_SIGNATURE=0 CONFEXT_USERSPACE_VERITY=yes testconf [root=verity]",
                "0", "merged hash");
    }

    /**
     * With {@code CONFEXT_USERSPACE_VERITY} unset and {@code CONFEXT_UPSTREAM_SYSEXT} naming an upstream
     * {@code systemd-sysext} (v262), every scenario gives the same exit status, the same merged-or-not result and
     * the same presence of a verity root hash in the origin with both tools.
     */
    @Test
    void merge_everyScenario_sameOutcomeAsUpstream() throws Exception {
        compareWithUpstream(List.of(
                "sidecar -", "sidecar - SYSTEMD_DISSECT_VERITY_SIDECAR=0",
                "sidecar - SYSTEMD_DISSECT_VERITY_SIDECAR=no", "sidecar root=verity SYSTEMD_DISSECT_VERITY_SIDECAR=0",
                "sidecar root=signed SYSTEMD_DISSECT_VERITY_SIDECAR=0",
                "sidecar root=unprotected SYSTEMD_DISSECT_VERITY_SIDECAR=0", "sidecar root=unprotected",
                "unsigned root=unprotected", "unsigned root=unprotected SYSTEMD_DISSECT_VERITY_SIDECAR=0",
                "unsigned root=signed SYSTEMD_DISSECT_VERITY_SIDECAR=0", "unsigned -",
                "sidecar - SYSTEMD_DISSECT_VERITY_SIDECAR=bogus", "sidecar - SYSTEMD_DISSECT_VERITY_SIGNATURE=0",
                "sidecar - SYSTEMD_ALLOW_USERSPACE_VERITY=0", "sidecar - SYSTEMD_DISSECT_VERITY_EMBEDDED=0",
                "sidecar - SYSTEMD_DISSECT_VERITY_GUESS=0",
                "testconf -", "testconf - SYSTEMD_DISSECT_VERITY_SIDECAR=0",
                "testconf - SYSTEMD_DISSECT_VERITY_EMBEDDED=0", "testconf root=verity SYSTEMD_DISSECT_VERITY_EMBEDDED=0",
                "testconf root=signed SYSTEMD_DISSECT_VERITY_EMBEDDED=0", "testconf - SYSTEMD_DISSECT_VERITY_GUESS=0",
                "testconf - SYSTEMD_DISSECT_VERITY_EMBEDDED=0 SYSTEMD_DISSECT_VERITY_GUESS=0",
                "testconf root=verity SYSTEMD_DISSECT_VERITY_EMBEDDED=off SYSTEMD_DISSECT_VERITY_GUESS=no",
                "testconf root=signed SYSTEMD_DISSECT_VERITY_EMBEDDED=0 SYSTEMD_DISSECT_VERITY_GUESS=0",
                "testconf root=unprotected SYSTEMD_DISSECT_VERITY_EMBEDDED=0 SYSTEMD_DISSECT_VERITY_GUESS=0",
                "testconf root=encrypted SYSTEMD_DISSECT_VERITY_EMBEDDED=0 SYSTEMD_DISSECT_VERITY_GUESS=0",
                "testconf root=verity+absent SYSTEMD_DISSECT_VERITY_EMBEDDED=0 SYSTEMD_DISSECT_VERITY_GUESS=0",
                "testconf - SYSTEMD_DISSECT_VERITY_EMBEDDED=0 SYSTEMD_DISSECT_VERITY_GUESS=maybe",
                "testconf - SYSTEMD_DISSECT_VERITY_SIGNATURE=0", "testconf root=signed SYSTEMD_DISSECT_VERITY_SIGNATURE=0",
                "testconf - SYSTEMD_ALLOW_USERSPACE_VERITY=0", "testconf root=signed SYSTEMD_ALLOW_USERSPACE_VERITY=0"),
                "");
    }

    /** A DDI whose root hash only the partition UUIDs give: with guessing off it has no verity data. */
    @Test
    void merge_repartDdiWithGuessOff_mergesWithoutVerityAsUpstream() throws Exception {
        TestEnvironment.requireTools("systemd-repart", "mkfs.erofs");
        String out = run(REPART, "try rp -", "try rp - SYSTEMD_DISSECT_VERITY_GUESS=0",
                "try rp root=verity SYSTEMD_DISSECT_VERITY_GUESS=0",
                "try rp - SYSTEMD_DISSECT_VERITY_EMBEDDED=0");
        assertOutcome(out, " rp [-]", "1", "not-merged no-hash");
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_GUESS=0 rp [-]", "0", "merged no-hash");
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_GUESS=0 rp [root=verity]", "0", "merged no-hash");
        assertOutcome(out, "SYSTEMD_DISSECT_VERITY_EMBEDDED=0 rp [-]", "1", "not-merged no-hash");
        if (upstream().isPresent()) {
            compareWithUpstream(List.of("rp -", "rp - SYSTEMD_DISSECT_VERITY_GUESS=0",
                    "rp root=verity SYSTEMD_DISSECT_VERITY_GUESS=0", "rp root=signed SYSTEMD_DISSECT_VERITY_GUESS=0",
                    "rp - SYSTEMD_DISSECT_VERITY_EMBEDDED=0", "rp - SYSTEMD_DISSECT_VERITY_GUESS=1"), REPART);
        }
    }

    private static java.util.Optional<Path> upstream() {
        String configured = System.getenv("CONFEXT_UPSTREAM_SYSEXT");
        if (configured == null || configured.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Path.of(configured).toAbsolutePath());
    }

    /** Runs each "IMAGE POLICY [VARIABLE=VALUE...]" scenario with both tools and compares the reports. */
    private void compareWithUpstream(List<String> scenarios, String setup) throws Exception {
        assumeTrue(upstream().isPresent(), "CONFEXT_UPSTREAM_SYSEXT does not name an upstream systemd-sysext binary");
        Path upstream = upstream().get();
        assumeTrue(Files.isExecutable(upstream), "CONFEXT_UPSTREAM_SYSEXT=" + upstream + " is not executable");
        List<String> lines = new ArrayList<>(List.of(setup, "unset CONFEXT_USERSPACE_VERITY",
                "ln -sf " + upstream + " $T/systemd-confext", "U=\"$T/systemd-confext --no-pager --root=$T/r\""));
        for (String s : scenarios) {
            for (String tool : new String[] {"$C", "$U"}) {
                lines.add("tryw \"" + tool + "\" " + s + " 2>/dev/null | tail -2 | tr '\\n' ' '; echo");
            }
        }
        UpstreamTranscript.assertOursMatchUpstream(run(lines.toArray(String[]::new)), scenarios.size());
    }
}
