package dev.confext.cli.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.confext.mount.plan.SystemdJson;
import java.io.IOException;
import java.io.OutputStream;

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
        try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (pretty) {
                generator.setPrettyPrinter(SystemdJson.prettyPrinter());
            }
            body.writeTo(generator);
        }
        out.write('\n');
        out.flush();
    }
}
