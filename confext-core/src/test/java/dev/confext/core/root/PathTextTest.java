package dev.confext.core.root;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Splitting path text into components the way the resolver consumes it. */
class PathTextTest {

    @Test
    void first_skipsSlashesAndDotsAroundTheComponent() throws Exception {
        assertEquals(new PathText.Split("aaa", "bbbbb/cc"), PathText.first("//.//aaa///bbbbb/cc"));
        assertEquals(new PathText.Split("aaa", ""), PathText.first("aaa//"));
        assertEquals(new PathText.Split("aaa", ""), PathText.first("aaa/./."));
        assertEquals(new PathText.Split("..", "x"), PathText.first("../x"));
        assertEquals(new PathText.Split(".hidden", "x"), PathText.first("./.hidden/./x"));
        assertEquals(new PathText.Split("b", "c/"), PathText.first("b/./c/"));
        assertEquals(new PathText.Split("b", "c/./d"), PathText.first("b/./c/./d"));
    }

    @Test
    void first_nothingLeft_isNull() throws Exception {
        assertNull(PathText.first(""));
        assertNull(PathText.first("/"));
        assertNull(PathText.first("."));
        assertNull(PathText.first("/./././/"));
    }

    @Test
    void first_componentOver255Bytes_isRefused() throws Exception {
        assertEquals("x".repeat(255), PathText.first("x".repeat(255) + "/y").component());
        assertThrows(PathText.NameTooLong.class, () -> PathText.first("/" + "x".repeat(256)));
    }

    @Test
    void isSafe_refusesDotDotAndInvalidText() {
        assertTrue(PathText.isSafe("a/./b/"));
        assertFalse(PathText.isSafe("a/../b"));
        assertFalse(PathText.isSafe(".."));
        assertFalse(PathText.isSafe(""));
        assertFalse(PathText.isSafe("a/" + "x".repeat(256)));
        assertFalse(PathText.isSafe("a/".repeat(2048)));
        assertTrue(PathText.isSafe("..a/b.."));
    }

    @Test
    void demandsDirectory_byTheEndOfTheText() {
        for (String yes : List.of("a/", "a/.", "a/..", ".", "..", "/")) {
            assertTrue(PathText.demandsDirectory(yes), yes);
        }
        for (String no : List.of("a", "a/b", "..a", "a.", "a/.b")) {
            assertFalse(PathText.demandsDirectory(no), no);
        }
    }

    @Test
    void prepend_joinsWithOneSlash() {
        assertEquals("z/", PathText.prepend("z/", ""));
        assertEquals("z/rest", PathText.prepend("z/", "rest"));
        assertEquals("/a/rest", PathText.prepend("/a", "rest"));
    }

    @Provide
    Arbitrary<String> pathTexts() {
        return Arbitraries.of("a", "bc", ".", "..", "", "/", "//", "./", ".x", "x.", "\n", "é")
                .list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    @Property(tries = 2000)
    void first_consumesTheNonDotComponentsInOrder(@ForAll("pathTexts") String text) throws Exception {
        List<String> expected = new ArrayList<>(Arrays.asList(text.split("/")));
        expected.removeIf(c -> c.isEmpty() || c.equals("."));
        List<String> seen = new ArrayList<>();
        String rest = text;
        for (PathText.Split s = PathText.first(rest); s != null; s = PathText.first(rest)) {
            assertFalse(s.component().contains("/"));
            assertTrue(s.rest().length() < rest.length(), "progress");
            assertFalse(s.rest().startsWith("/"), "leading slashes are consumed");
            seen.add(s.component());
            rest = s.rest();
        }
        assertEquals(expected, seen);
    }

    @Property(tries = 1000)
    void isSafe_isValidAndWithoutDotDot(@ForAll("pathTexts") String text) throws Exception {
        boolean hasDotDot = Arrays.asList(text.split("/")).contains("..");
        assertEquals(!text.isEmpty() && !hasDotDot, PathText.isSafe(text), text);
    }
}
