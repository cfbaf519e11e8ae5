package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec §1.1 hierarchy override variable. */
class HierarchiesTest {
    @Test
    void fromEnvironment_unset_defaults() throws Exception {
        assertEquals(List.of("/usr", "/opt"), Hierarchies.fromEnvironment(ExtensionKind.SYSEXT, Map.of()));
        assertEquals(List.of("/etc"), Hierarchies.fromEnvironment(ExtensionKind.CONFEXT, Map.of()));
    }

    @Test
    void fromEnvironment_list() throws Exception {
        assertEquals(List.of("/usr", "/foo/bar/"), Hierarchies.fromEnvironment(ExtensionKind.SYSEXT,
                Map.of("SYSTEMD_SYSEXT_HIERARCHIES", "/usr:/foo/bar/")));
        assertEquals(List.of("/etc"), Hierarchies.fromEnvironment(ExtensionKind.CONFEXT,
                Map.of("SYSTEMD_SYSEXT_HIERARCHIES", "/usr")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/usr::/opt", "usr", "/usr/../etc", "/./usr", "//usr", "/", "/usr:"})
    void fromEnvironment_invalid(String value) {
        HierarchiesException e = assertThrows(HierarchiesException.class,
                () -> Hierarchies.fromEnvironment(ExtensionKind.CONFEXT, Map.of("SYSTEMD_CONFEXT_HIERARCHIES", value)));
        assertEquals("Failed to determine confext hierarchies: Invalid argument", e.getMessage());
        assertTrue(e.detail().endsWith(", refusing."), e.detail());
    }

    @Test
    void fromEnvironment_emptyElement_namesItInTheDetail() {
        HierarchiesException e = assertThrows(HierarchiesException.class,
                () -> Hierarchies.fromEnvironment(ExtensionKind.SYSEXT, Map.of("SYSTEMD_SYSEXT_HIERARCHIES", "/usr::/opt")));
        assertEquals("Failed to determine sysext hierarchies: Invalid argument", e.getMessage());
        assertEquals("Path '' is not absolute, refusing.", e.detail());
    }

    @Property
    void fromEnvironment_anyValue_listOrException(@ForAll String value) {
        try {
            List<String> list = Hierarchies.fromEnvironment(ExtensionKind.CONFEXT,
                    Map.of("SYSTEMD_CONFEXT_HIERARCHIES", value));
            list.forEach(p -> assertTrue(p.startsWith("/") && !p.equals("/")));
        } catch (HierarchiesException e) {
            assertEquals("Failed to determine confext hierarchies: Invalid argument", e.getMessage());
        }
    }
}
