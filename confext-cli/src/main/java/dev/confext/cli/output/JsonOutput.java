package dev.confext.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.confext.mount.plan.SystemdJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes JSON documents as systemd tools print them: compact ({@code --json=short}) or laid out by
 * {@link SystemdJson#prettyPrinter() systemd's layout} ({@code --json=pretty}), UTF-8, followed by a newline. Stateless and
 * thread-safe.
 */
public final class JsonOutput {
    /** Writes one document's content. */
    @FunctionalInterface
    public interface Body {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private final boolean pretty;

    private JsonOutput(boolean pretty) {
        this.pretty = pretty;
    }

    /** Compact, one line. */
    public static JsonOutput compact() {
        return new JsonOutput(false);
    }

    /** Indented with tabs, {@code "name" : value}. */
    public static JsonOutput pretty() {
        return new JsonOutput(true);
    }

    /** Writes one document and a newline to {@code out}, then flushes; {@code out} stays open. */
    public void write(OutputStream out, Body body) throws IOException {
        // Through a Writer: jackson-core 2.17's byte generator escapes characters outside the BMP as
        // surrogate pairs (backslash-u escapes), where systemd writes their UTF-8 bytes.
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (JsonGenerator generator = FACTORY.createGenerator(writer)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (pretty) {
                generator.setPrettyPrinter(SystemdJson.prettyPrinter());
            }
            body.writeTo(generator);
        }
        writer.write('\n');
        writer.flush();
    }
}
