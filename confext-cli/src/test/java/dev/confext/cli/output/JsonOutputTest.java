package dev.confext.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonOutputTest {
    private static String write(JsonOutput json, JsonOutput.Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        json.write(bytes, body);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static final JsonOutput.Body SAMPLE = g -> {
        g.writeStartArray();
        g.writeStartObject();
        g.writeStringField("name", "foo");
        g.writeFieldName("extensions");
        g.writeStartArray();
        g.writeString("a");
        g.writeEndArray();
        g.writeFieldName("empty");
        g.writeStartArray();
        g.writeEndArray();
        g.writeFieldName("since");
        g.writeNull();
        g.writeEndObject();
        g.writeEndArray();
    };

    @Test
    void write_compact_isOneLine() throws IOException {
        assertEquals("[{\"name\":\"foo\",\"extensions\":[\"a\"],\"empty\":[],\"since\":null}]\n",
                write(JsonOutput.compact(), SAMPLE));
    }

    @Test
    void write_pretty_usesTabsAndSpacedColons() throws IOException {
        assertEquals("[\n"
                + "\t{\n"
                + "\t\t\"name\" : \"foo\",\n"
                + "\t\t\"extensions\" : [\n"
                + "\t\t\t\"a\"\n"
                + "\t\t],\n"
                + "\t\t\"empty\" : [],\n"
                + "\t\t\"since\" : null\n"
                + "\t}\n"
                + "]\n", write(JsonOutput.pretty(), SAMPLE));
    }

    @Test
    void write_emptyArray_isBrackets() throws IOException {
        JsonOutput.Body empty = g -> {
            g.writeStartArray();
            g.writeEndArray();
        };
        assertEquals("[]\n", write(JsonOutput.pretty(), empty));
        assertEquals("[]\n", write(JsonOutput.compact(), empty));
    }

    /** systemd writes a character outside the BMP as its four UTF-8 bytes, not as escaped surrogates. */
    @Test
    void write_characterOutsideBmp_rawUtf8() throws IOException {
        JsonOutput.Body body = g -> g.writeString("emoji\ud83d\ude00");
        assertEquals("\"emoji\ud83d\ude00\"\n", write(JsonOutput.compact(), body));
    }

    @Test
    void write_controlCharacters_escapedLowercaseAndUtf8Kept() throws IOException {
        JsonOutput.Body body = g -> g.writeString("a\tb\u001fä\"/");
        assertEquals("\"a\\tb\\u001fä\\\"/\"\n", write(JsonOutput.compact(), body));
    }
}
