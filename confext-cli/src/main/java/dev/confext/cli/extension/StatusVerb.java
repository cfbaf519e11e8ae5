package dev.confext.cli.extension;

import dev.confext.cli.output.JsonOutput;
import dev.confext.cli.output.SystemdTimestamp;
import dev.confext.cli.output.TextTable;
import dev.confext.core.api.Hierarchies;
import dev.confext.core.api.HierarchiesException;
import dev.confext.mount.api.HierarchyStatus;
import dev.confext.mount.api.MountException;
import dev.confext.mount.api.StatusReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code status}: per hierarchy whether it is merged, with which extensions and since when, as systemd
 * v262 prints it (table {@code HIERARCHY EXTENSIONS SINCE}; JSON with {@code "extensions": []} and
 * {@code "since": null} when not merged). Read-only; needs no privileges.
 */
final class StatusVerb implements Verb {
    private final SystemdTimestamp timestamps;

    StatusVerb() {
        this(SystemdTimestamp.local());
    }

    StatusVerb(SystemdTimestamp timestamps) {
        this.timestamps = timestamps;
    }

    @Override
    public int run(ExtensionOptions options, PrintStream out, PrintStream err) {
        List<String> hierarchies;
        try {
            hierarchies = Hierarchies.fromEnvironment(options.kind(), options.environment());
        } catch (HierarchiesException e) {
            err.println(e.getMessage());
            return 1;
        }
        ContextWarnings.print(options, err);
        StatusReport report;
        try {
            report = StatusReport.read(options.kind(), options.root(), hierarchies);
        } catch (MountException e) {
            err.println(e.getMessage());
            return 1;
        }
        report.errors().forEach(err::println);
        switch (options.json()) {
            case SHORT -> printJson(JsonOutput.compact(), report.rows(), out);
            case PRETTY -> printJson(JsonOutput.pretty(), report.rows(), out);
            default -> printTable(report.rows(), options.legend(), out);
        }
        return report.errors().isEmpty() ? 0 : 1;
    }

    private void printTable(List<HierarchyStatus> rows, boolean legend, PrintStream out) {
        TextTable table = new TextTable(List.of("hierarchy", "extensions", "since"));
        for (HierarchyStatus row : rows) {
            if (row.merged()) {
                table.add(List.of(row.hierarchy(), String.join("\n", row.extensions()),
                        timestamps.format(row.sinceUsec().orElse(0))));
            } else {
                table.add(List.of(row.hierarchy(), "none", "-"));
            }
        }
        table.print(out, legend);
    }

    private static void printJson(JsonOutput json, List<HierarchyStatus> rows, PrintStream out) {
        try {
            json.write(out, g -> {
                g.writeStartArray();
                for (HierarchyStatus row : rows) {
                    g.writeStartObject();
                    g.writeStringField("hierarchy", row.hierarchy());
                    g.writeArrayFieldStart("extensions");
                    for (String name : row.extensions()) {
                        g.writeString(name);
                    }
                    g.writeEndArray();
                    g.writeFieldName("since");
                    if (row.sinceUsec().isPresent()) {
                        g.writeNumber(row.sinceUsec().getAsLong());
                    } else {
                        g.writeNull();
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
