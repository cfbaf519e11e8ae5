package dev.confext.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
    private static String print(TextTable table, boolean legend) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        table.print(out, legend);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void print_columns_paddedToWidestCellExceptLast() {
        TextTable table = new TextTable(List.of("name", "type", "path"))
                .add(List.of("a", "directory", "/x"))
                .add(List.of("longer", "raw", "/yy"));
        assertEquals("NAME   TYPE      PATH\n"
                + "a      directory /x\n"
                + "longer raw       /yy\n", print(table, true));
    }

    /** Upstream pads 日本 (two wide characters) as four columns, a pre-Unicode-9 emoji such as 😀 as one. */
    @Test
    void print_wideCharacters_countTwoColumns() {
        TextTable table = new TextTable(List.of("name", "type"))
                .add(List.of("\u65e5\u672c", "directory"))
                .add(List.of("e\ud83d\ude00", "directory"))
                .add(List.of("abcde", "raw"));
        assertEquals("NAME  TYPE\n"
                + "\u65e5\u672c  directory\n"
                + "e\ud83d\ude00    directory\n"
                + "abcde raw\n", print(table, true));
    }

    @Test
    void displayWidth_wideAndNarrowCodePoints() {
        assertEquals(2, TextTable.displayWidth("\uac00"));
        assertEquals(2, TextTable.displayWidth(new String(Character.toChars(0x20000))));
        assertEquals(2, TextTable.displayWidth(new String(Character.toChars(0x1F300))));
        assertEquals(1, TextTable.displayWidth("\u303f"));
        assertEquals(1, TextTable.displayWidth("\u4dc0"));
        assertEquals(1, TextTable.displayWidth(new String(Character.toChars(0x1F600))));
    }

    @Test
    void print_noLegend_leavesHeaderOut() {
        TextTable table = new TextTable(List.of("name", "t")).add(List.of("a", "b"));
        assertEquals("a b\n", print(table, false));
    }

    @Test
    void print_headerWiderThanCells_setsWidth() {
        TextTable table = new TextTable(List.of("hierarchy", "since")).add(List.of("/etc", "-"));
        assertEquals("HIERARCHY SINCE\n/etc      -\n", print(table, true));
    }

    @Test
    void print_multiLineCell_continuesInItsColumn() {
        TextTable table = new TextTable(List.of("h", "extensions", "since"))
                .add(List.of("/usr", "one\ntwo", "x"));
        assertEquals("H    EXTENSIONS SINCE\n"
                + "/usr one        x\n"
                + "     two        \n", print(table, true));
    }

    @Test
    void print_nonAscii_countsCodePoints() {
        TextTable table = new TextTable(List.of("n", "x")).add(List.of("äö", "1")).add(List.of("abc", "2"));
        assertEquals("N   X\näö  1\nabc 2\n", print(table, true));
    }

    @Test
    void add_wrongCellCount_fails() {
        TextTable table = new TextTable(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> table.add(List.of("1")));
    }
}
