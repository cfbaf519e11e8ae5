package dev.confext.cli.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.confext.cli.extension.ExtensionOptions.JsonMode;
import dev.confext.cli.output.SystemdTimestamp;
import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.ImageType;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the images are called and wherever they are, {@code list --json} is valid JSON saying exactly that. */
class ListJsonPropertyTest {
    @Provide
    Arbitrary<List<DiscoveredImage>> images() {
        Arbitrary<String> name = Arbitraries.strings().ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.contains("/") && !s.contains("\0"));
        Arbitrary<DiscoveredImage> image = net.jqwik.api.Combinators.combine(name, Arbitraries.of(ImageType.values()),
                Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as((n, type, crtime, mtime) -> ListVerbTest.image(n, type, "/run/confexts/" + n, crtime, mtime));
        return image.list().ofMaxSize(6).uniqueElements(DiscoveredImage::name);
    }

    @Property(tries = 200)
    void listJson_anyImages_parsesBackSortedBytewise(@ForAll("images") List<DiscoveredImage> images,
            @ForAll boolean pretty) throws IOException {
        Captured c = new Captured();
        new ListVerb(options -> images, Optional.empty(), SystemdTimestamp.in(ZoneId.of("UTC")))
                .run(ListVerbTest.options(pretty ? JsonMode.PRETTY : JsonMode.SHORT, true, false), c.out, c.err);
        List<DiscoveredImage> expected = new ArrayList<>(images);
        expected.sort((a, b) -> ListVerb.BYTEWISE.compare(a.name(), b.name()));
        try (JsonParser parser = new JsonFactory().createParser(c.out())) {
            assertEquals(JsonToken.START_ARRAY, parser.nextToken());
            for (DiscoveredImage image : expected) {
                assertEquals(JsonToken.START_OBJECT, parser.nextToken());
                assertEquals("name", parser.nextFieldName());
                assertEquals(image.name(), parser.nextTextValue());
                assertEquals("type", parser.nextFieldName());
                assertEquals(image.type().word(), parser.nextTextValue());
                assertEquals("path", parser.nextFieldName());
                assertEquals(image.path().hostPath().toString(), parser.nextTextValue());
                assertEquals("time", parser.nextFieldName());
                parser.nextToken();
                assertEquals(image.timeUsec(), parser.getLongValue());
                assertEquals(JsonToken.END_OBJECT, parser.nextToken());
            }
            assertEquals(JsonToken.END_ARRAY, parser.nextToken());
            assertEquals(null, parser.nextToken());
        }
        assertEquals('\n', c.out().charAt(c.out().length() - 1));
    }
}
