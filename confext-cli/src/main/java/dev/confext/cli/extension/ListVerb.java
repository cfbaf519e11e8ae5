package dev.confext.cli.extension;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.confext.cli.output.JsonOutput;
import dev.confext.cli.output.SystemdTimestamp;
import dev.confext.cli.output.TextTable;
import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.DiscoveryException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code list}: every discovered image (compatible or not) with its name, type, path and time, sorted by
 * name, as a table or as systemd's JSON array. With our {@code --explain}, two more columns/fields say
 * whether {@code merge} would take the image on this host and why.
 */
final class ListVerb implements Verb {
    /** Byte-wise order of the UTF-8 names, as {@code strcmp}. */
    static final Comparator<String> BYTEWISE = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final ImageSource source;
    private final Optional<DiskImageReleaseReader> diskReader;
    private final SystemdTimestamp timestamps;

    ListVerb() {
        this(ImageSource.SCANNER, DiskImageReleaseReader.INSTALLED, SystemdTimestamp.local());
    }

    ListVerb(ImageSource source, Optional<DiskImageReleaseReader> diskReader, SystemdTimestamp timestamps) {
        this.source = source;
        this.diskReader = diskReader;
        this.timestamps = timestamps;
    }

    private record Row(DiscoveredImage image, Optional<Explanation> explanation) {}

    @Override
    public int run(ExtensionOptions options, PrintStream out, PrintStream err) {
        List<DiscoveredImage> images;
        try {
            images = new ArrayList<>(source.discover(options));
        } catch (DiscoveryException e) {
            err.println(e.getMessage());
            return 1;
        }
        images.sort(Comparator.comparing(DiscoveredImage::name, BYTEWISE));
        if (images.isEmpty() && options.json() == ExtensionOptions.JsonMode.OFF) {
            err.println("No OS extensions found.");
            return 0;
        }
        CompatibilityExplainer explainer = new CompatibilityExplainer(options, diskReader);
        List<Row> rows = images.stream()
                .map(image -> new Row(image, options.explain() ? Optional.of(explainer.explain(image)) : Optional.empty()))
                .toList();
        switch (options.json()) {
            case SHORT -> printJson(JsonOutput.compact(), rows, out);
            case PRETTY -> printJson(JsonOutput.pretty(), rows, out);
            default -> printTable(rows, options, out);
        }
        return 0;
    }

    private void printTable(List<Row> rows, ExtensionOptions options, PrintStream out) {
        List<String> headers = options.explain()
                ? List.of("name", "type", "path", "time", "compatible", "reason")
                : List.of("name", "type", "path", "time");
        TextTable table = new TextTable(headers);
        for (Row row : rows) {
            DiscoveredImage image = row.image();
            List<String> cells = new ArrayList<>(List.of(image.name(), image.type().word(),
                    image.path().hostPath().toString(), timestamps.format(image.timeUsec())));
            row.explanation().ifPresent(explanation -> {
                cells.add(explanation.compatible().map(yes -> yes ? "yes" : "no").orElse("unknown"));
                cells.add(explanation.reason());
            });
            table.add(cells);
        }
        table.print(out, options.legend());
    }

    private static void printJson(JsonOutput json, List<Row> rows, PrintStream out) {
        try {
            json.write(out, generator -> {
                generator.writeStartArray();
                for (Row row : rows) {
                    writeImage(generator, row);
                }
                generator.writeEndArray();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeImage(JsonGenerator generator, Row row) throws IOException {
        DiscoveredImage image = row.image();
        generator.writeStartObject();
        generator.writeStringField("name", image.name());
        generator.writeStringField("type", image.type().word());
        generator.writeStringField("path", image.path().hostPath().toString());
        generator.writeFieldName("time");
        long time = image.timeUsec();
        if (time >= 0) {
            generator.writeNumber(time);
        } else {
            generator.writeNumber(new BigInteger(Long.toUnsignedString(time)));
        }
        if (row.explanation().isPresent()) {
            Explanation explanation = row.explanation().get();
            generator.writeFieldName("compatible");
            if (explanation.compatible().isPresent()) {
                generator.writeBoolean(explanation.compatible().get());
            } else {
                generator.writeNull();
            }
            generator.writeStringField("reason", explanation.reason());
        }
        generator.writeEndObject();
    }
}
