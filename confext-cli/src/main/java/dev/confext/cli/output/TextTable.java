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

    /** Columns a string takes on a terminal: one per code point (wide characters are not special-cased). */
    static int displayWidth(String s) {
        return s.codePointCount(0, s.length());
    }
}
