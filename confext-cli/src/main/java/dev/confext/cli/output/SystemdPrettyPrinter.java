package dev.confext.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;

/**
 * Lays JSON out the way systemd's {@code --json=pretty} does: one tab per nesting level, one member or
 * element per line, {@code " : "} between a name and its value, and {@code []} / {@code {}} for empty
 * containers. Stateless, so one instance serves every generator.
 */
final class SystemdPrettyPrinter implements PrettyPrinter {
    static final SystemdPrettyPrinter INSTANCE = new SystemdPrettyPrinter();

    private SystemdPrettyPrinter() {}

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        newLine(g, g.getOutputContext().getNestingDepth());
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(" : ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        newLine(g, g.getOutputContext().getNestingDepth());
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
        if (nrOfEntries > 0) {
            // The generator still stands in the object being closed.
            newLine(g, g.getOutputContext().getNestingDepth() - 1);
        }
        g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        newLine(g, g.getOutputContext().getNestingDepth());
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        newLine(g, g.getOutputContext().getNestingDepth());
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
        if (nrOfValues > 0) {
            newLine(g, g.getOutputContext().getNestingDepth() - 1);
        }
        g.writeRaw(']');
    }

    private static void newLine(JsonGenerator g, int depth) throws IOException {
        g.writeRaw('\n');
        for (int i = 0; i < depth; i++) {
            g.writeRaw('\t');
        }
    }
}
