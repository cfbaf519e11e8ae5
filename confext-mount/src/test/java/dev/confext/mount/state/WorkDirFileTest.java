package dev.confext.mount.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.confext.mount.plan.CEscape;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The {@code work_dir} metadata file: the path it records, checked as systemd 262 checks it. */
class WorkDirFileTest {
    @Example
    void relativePath_whatAMergeWrites_isItsPath() {
        assertEquals("var/lib/extensions.mutable/.systemd-etc-workdir",
                WorkDirFile.relativePath("var/lib/extensions.mutable/.systemd-etc-workdir\n"));
    }

    @Example
    void relativePath_escapedSpaceAndFurtherLines_firstLineUnescaped() {
        assertEquals("var/lib/my dir/.systemd-etc-workdir",
                WorkDirFile.relativePath("var/lib/my\\x20dir/.systemd-etc-workdir\nignored\n"));
    }

    @Example
    void relativePath_trailingSlash_accepted() {
        assertEquals("var/wd/", WorkDirFile.relativePath("var/wd/"));
    }

    @Example
    void relativePath_outOfTheRootOrNotNormalised_refusedWithSystemdsMessage() {
        for (String bad : List.of("", "\n", "/var/wd", "..", "../victim", "var/../../victim", "var/..", ".", "./wd",
                "var/./wd", "var/.", "var//wd")) {
            String path = bad.endsWith("\n") ? bad.substring(0, bad.length() - 1) : bad;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WorkDirFile.relativePath(bad), bad);
            assertEquals("Invalid work directory path '" + path + "'.", e.getMessage());
        }
    }

    @Example
    void relativePath_badEscapeOrNul_refusedAsUnescapable() {
        for (String bad : List.of("var\\", "var\\q", "var\\x4", "var\\000wd")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WorkDirFile.relativePath(bad), bad);
            assertEquals("Failed to unescape work directory path: Invalid argument", e.getMessage());
        }
    }

    /**
     * Whatever components are joined, the path is accepted exactly when none is "." or ".." and none is empty, except
     * a last one after at least one other (a trailing slash).
     */
    @Property(tries = 500)
    void relativePath_anyComponents_acceptedOnlyWithoutDotsOrEmptyOnes(
            @ForAll("components") List<String> components) {
        String path = String.join("/", components);
        int last = components.size() - 1;
        boolean clean = !components.isEmpty() && components.stream().noneMatch(c -> c.equals(".") || c.equals(".."))
                && java.util.stream.IntStream.range(0, components.size())
                        .noneMatch(i -> components.get(i).isEmpty() && (i != last || last == 0));

        if (clean) {
            assertEquals(path, WorkDirFile.relativePath(CEscape.escape(path, false) + "\n"));
        } else {
            assertThrows(IllegalArgumentException.class, () -> WorkDirFile.relativePath(CEscape.escape(path, false)));
        }
    }

    @Provide
    Arbitrary<List<String>> components() {
        Arbitrary<String> component = Arbitraries.oneOf(Arbitraries.of("", ".", "..", "...", ".x", "a b", "\u00e9t\u00e9"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(5));
        return component.list().ofMaxSize(5);
    }
}
