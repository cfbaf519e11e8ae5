package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec §4.3, one test per rule, with the host architecture fixed to x86-64. */
class CompatibilityTest {
    private static final Optional<Architecture> ARCH = Optional.of(Architecture.X86_64);
    private static final HostRelease FAKEOS = host("ID=fakeos", "VERSION_ID=42");

    private static HostRelease host(String... pairs) {
        Map<String, String> v = pairs(pairs);
        return new HostRelease(v.getOrDefault("ID", ""), v.getOrDefault("ID_LIKE", ""),
                v.getOrDefault("VERSION_ID", ""), v.getOrDefault("CONFEXT_LEVEL", ""),
                Boolean.parseBoolean(v.getOrDefault("initrd", "false")), v);
    }

    private static Map<String, String> pairs(String... pairs) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            v.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return v;
    }

    private static Verdict check(HostRelease host, String... release) {
        Optional<Map<String, String>> r = release.length == 0 ? Optional.empty() : Optional.of(pairs(release));
        return Compatibility.check(ExtensionKind.CONFEXT, host, "x", r, ARCH);
    }

    private static void assertVerdict(boolean compatible, String reason, Verdict verdict) {
        assertEquals(new Verdict(compatible, reason), verdict);
    }

    @Test
    void check_noReleaseData_rejected() {
        assertVerdict(false, "Extension 'x' carries no release data, ignoring.", check(FAKEOS));
        assertVerdict(false, "Extension 'x' carries no release data, ignoring.",
                Compatibility.check(ExtensionKind.CONFEXT, FAKEOS, "x", Optional.of(Map.of()), ARCH));
    }

    @Test
    void check_scope() {
        assertVerdict(false, "Extension 'x' is not suitable for scope system, ignoring.",
                check(FAKEOS, "ID=fakeos", "VERSION_ID=42", "CONFEXT_SCOPE=portable initrd"));
        assertVerdict(false, "Extension 'x' is not suitable for scope system, ignoring.",
                check(FAKEOS, "ID=fakeos", "VERSION_ID=42", "CONFEXT_SCOPE="));
        assertEquals(true, check(FAKEOS, "ID=fakeos", "VERSION_ID=42", "CONFEXT_SCOPE=\tsystem ").compatible());
        assertEquals(true, check(FAKEOS, "ID=fakeos", "VERSION_ID=42", "SYSEXT_SCOPE=initrd").compatible());
        HostRelease initrd = host("ID=fakeos", "VERSION_ID=42", "initrd=true");
        assertVerdict(false, "Extension 'x' is not suitable for scope initrd, ignoring.",
                check(initrd, "ID=fakeos", "VERSION_ID=42"));
        assertEquals(true, check(initrd, "ID=fakeos", "VERSION_ID=42", "CONFEXT_SCOPE=initrd").compatible());
    }

    @Test
    void check_architecture() {
        assertVerdict(false, "Extension 'x' is for architecture 'x86', but deployed on top of 'x86-64'.",
                check(FAKEOS, "ID=fakeos", "VERSION_ID=42", "ARCHITECTURE=x86"));
        assertEquals(true, check(FAKEOS, "ID=fakeos", "VERSION_ID=42", "ARCHITECTURE=x86-64").compatible());
        assertEquals(true, check(FAKEOS, "ID=fakeos", "VERSION_ID=42", "ARCHITECTURE=_any").compatible());
        assertEquals(true, check(FAKEOS, "ID=fakeos", "VERSION_ID=42", "ARCHITECTURE=").compatible());
    }

    @Test
    void check_missingId_rejected() {
        assertVerdict(false, "Extension 'x' does not contain ID in release file but requested to match 'fakeos' or be '_any'",
                check(FAKEOS, "VERSION_ID=42"));
    }

    @Test
    void check_anyId_acceptedWithoutVersionCheck() {
        assertVerdict(true, "Extension 'x' matches '_any' OS.", check(FAKEOS, "ID=_any", "VERSION_ID=1"));
    }

    @Test
    void check_idMismatch_rejected() {
        assertVerdict(false, "Extension 'x' is for OS 'FakeOS', but deployed on top of 'fakeos'.",
                check(FAKEOS, "ID=FakeOS", "VERSION_ID=42"));
    }

    @Test
    void check_idLike_accepted() {
        HostRelease derived = host("ID=derived", "ID_LIKE=debian  fakeos", "VERSION_ID=42");
        assertEquals(true, check(derived, "ID=fakeos", "VERSION_ID=42").compatible());
        assertEquals(false, check(derived, "ID=fake", "VERSION_ID=42").compatible());
    }

    @Test
    void check_rollingHost_accepted() {
        assertVerdict(true, "No version info on the host (rolling release?), but ID in x matched.",
                check(host("ID=fakeos"), "ID=fakeos", "VERSION_ID=1"));
    }

    @Test
    void check_levels() {
        HostRelease leveled = host("ID=fakeos", "VERSION_ID=42", "CONFEXT_LEVEL=7");
        assertVerdict(true, "Version info of extension 'x' matches host.",
                check(leveled, "ID=fakeos", "VERSION_ID=1", "CONFEXT_LEVEL=7"));
        assertVerdict(false, "Extension 'x' is for API level '8', but running on API level '7'",
                check(leveled, "ID=fakeos", "CONFEXT_LEVEL=8"));
        assertEquals(true, check(leveled, "ID=fakeos", "VERSION_ID=42", "SYSEXT_LEVEL=9").compatible());
    }

    @Test
    void check_versionId_exact() {
        assertVerdict(false, "Extension 'x' is for OS '42.0', but deployed on top of '42'.",
                check(FAKEOS, "ID=fakeos", "VERSION_ID=42.0"));
        assertVerdict(false, "Extension 'x' does not contain VERSION_ID in release file but requested to match '42'",
                check(FAKEOS, "ID=fakeos"));
        assertVerdict(true, "Version info of extension 'x' matches host.", check(FAKEOS, "ID=fakeos", "VERSION_ID=42"));
    }

    @Test
    void check_hostLevelWithoutVersion_extensionWithNeither_accepted() {
        assertEquals(true, check(host("ID=fakeos", "CONFEXT_LEVEL=3"), "ID=fakeos").compatible());
    }
}
