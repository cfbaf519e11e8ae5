package dev.confext.cli.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table printed like systemd's tables on a non-terminal: an upper-cased header line (the legend,
 * left out with {@code --no-legend}), every column but the last padded to its widest cell, one space
 * between columns, and a multi-line cell continuing on the next lines of its column. Single use.
 */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column names (printed upper-cased). */
    public TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    /** Adds a row; it must have one cell per column. */
    public TextTable add(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** Prints the table; with {@code legend} false the header line is left out. */
    public void print(PrintStream out, boolean legend) {
        List<List<String>> all = new ArrayList<>();
        if (legend) {
            all.add(headers.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList());
        }
        all.addAll(rows);
        int[] width = new int[headers.size()];
        for (List<String> row : all) {
            for (int c = 0; c < width.length; c++) {
                for (String line : row.get(c).split("\n", -1)) {
                    width[c] = Math.max(width[c], displayWidth(line));
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : all) {
            List<String[]> lines = row.stream().map(cell -> cell.split("\n", -1)).toList();
            int height = lines.stream().mapToInt(l -> l.length).max().orElse(1);
            for (int l = 0; l < height; l++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < width.length; c++) {
                    String[] cellLines = lines.get(c);
                    String part = l < cellLines.length ? cellLines[l] : "";
                    if (c > 0) {
                        line.append(' ');
                    }
                    line.append(part);
                    if (c < width.length - 1) {
                        line.append(" ".repeat(width[c] - displayWidth(part)));
                    }
                }
                text.append(line).append('\n');
            }
        }
        out.print(text);
    }

    /**
     * Columns a string takes on a terminal as systemd's tables count them: two for each code point in
     * its table of wide (East Asian wide and fullwidth) characters, one for every other code point.
     */
    static int displayWidth(String s) {
        int width = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            width += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    /**
     * Inclusive ranges of the code points systemd's tables count as two columns wide (an older Unicode
     * East Asian Width table: no emoji beyond U+1F5FA, Tangut and Yijing hexagrams narrow), checked
     * against upstream's column widths.
     */
    private static final int[][] WIDE = {
        {0x1100, 0x115F}, {0x11A3, 0x11A7}, {0x11FA, 0x11FF}, {0x2329, 0x232A}, {0x2E80, 0x2E99},
        {0x2E9B, 0x2EF3}, {0x2F00, 0x2FD5}, {0x2FF0, 0x2FFB}, {0x3000, 0x303E}, {0x3041, 0x3096},
        {0x3099, 0x30FF}, {0x3105, 0x312D}, {0x3131, 0x318E}, {0x3190, 0x31BA}, {0x31C0, 0x31E3},
        {0x31F0, 0x321E}, {0x3220, 0x3247}, {0x3250, 0x32FE}, {0x3300, 0x4DBF}, {0x4E00, 0xA48C},
        {0xA490, 0xA4C6}, {0xA960, 0xA97C}, {0xAC00, 0xD7A3}, {0xD7B0, 0xD7C6}, {0xD7CB, 0xD7FB},
        {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE52}, {0xFE54, 0xFE66}, {0xFE68, 0xFE6B},
        {0xFF01, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1B000, 0x1B001}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23A},
        {0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F300, 0x1F5FA}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };

    private static boolean isWide(int cp) {
        int low = 0;
        int high = WIDE.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (cp < WIDE[mid][0]) {
                high = mid - 1;
            } else if (cp > WIDE[mid][1]) {
                low = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
