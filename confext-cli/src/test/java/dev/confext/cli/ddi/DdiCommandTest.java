package dev.confext.cli.ddi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ddi inspect} in-process on the shared samples. Fixture:
 * <pre>
 * temp/
 * ├── testconf.confext.raw        (vectors/ddi, gunzipped)
 * ├── sidecar.raw + .roothash, .roothash.p7s, .verity   (vectors/sidecar)
 * └── root/etc/verity.d/test.crt  (vectors/ddi/test-signing-cert.pem)
 * </pre>
 */
class DdiCommandTest {
    private static final String DDI_ROOT_HASH = "2757364e46ea06e82ad2b7ffceebffea0e8ab27d6f49dc813405cdb1a83f2d46";

    @TempDir
    Path temp;

    private record Run(int status, String out, String err) {}

    private static Run ddi(String... args) {
        return ddiWith(Map.of(), args);
    }

    private static Run ddiWith(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DdiCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path vectors() {
        return Path.of(System.getProperty("confext.shared")).resolve("vectors");
    }

    private Path ddiImage() throws IOException {
        Path image = temp.resolve("testconf.confext.raw");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                vectors().resolve("ddi/testconf-x86-64.confext.raw.gz")))) {
            Files.write(image, in.readAllBytes());
        }
        return image;
    }

    private Path trustingRoot() throws IOException {
        Path root = temp.resolve("root");
        Files.createDirectories(root.resolve("etc/verity.d"));
        Files.copy(vectors().resolve("ddi/test-signing-cert.pem"), root.resolve("etc/verity.d/test.crt"));
        return root;
    }

    /** The scalar fields of a JSON document by dotted path (arrays by index), via jackson-core. */
    private static Map<String, String> flatten(String json) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            walk(parser, parser.nextToken(), "", fields);
        }
        return fields;
    }

    private static void walk(JsonParser p, JsonToken token, String path, Map<String, String> fields) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                walk(p, p.nextToken(), path.isEmpty() ? name : path + "." + name, fields);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            JsonToken next;
            while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                walk(p, next, path + "." + i++, fields);
            }
        } else {
            fields.put(path, token == JsonToken.VALUE_NULL ? "null" : p.getText());
        }
    }

    @Test
    void inspect_signedDdi_verifiedAgainstRoot() throws Exception {
        Run run = ddi("inspect", ddiImage().toString(), "--root=" + trustingRoot());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Root hash: " + DDI_ROOT_HASH), run.out());
        assertTrue(run.out().contains(" 1  root-x86-64 "), run.out());
        assertTrue(run.out().contains(" 3  root-x86-64-verity-sig "), run.out());
        assertTrue(run.out().contains("Verified: yes, signed by CN=verity test key (/etc/verity.d/test.crt)"), run.out());
    }

    @Test
    void inspect_signedDdiJson_fields() throws Exception {
        Run run = ddi("inspect", "--json", ddiImage().toString(), "--root", trustingRoot().toString());

        assertEquals(0, run.status(), run.err());
        assertEquals(1, run.out().strip().lines().count());
        Map<String, String> json = flatten(run.out());
        assertEquals("gpt", json.get("layout"));
        assertEquals("512", json.get("sectorSize"));
        assertEquals("root-x86-64-verity", json.get("partitions.1.type"));
        assertEquals("read-only", json.get("partitions.1.flags.0"));
        assertEquals("erofs", json.get("fileSystems.root"));
        assertEquals("signed", json.get("protection.root"));
        assertEquals("absent", json.get("protection.usr"));
        assertEquals(DDI_ROOT_HASH, json.get("verity.rootHash"));
        assertEquals("signature-partition", json.get("verity.rootHashSource"));
        assertEquals("512", json.get("verity.superblock.dataBlockSize"));
        assertEquals("20480", json.get("verity.superblock.dataBlocks"));
        assertEquals("true", json.get("verity.signature.verified"));
        assertEquals("/etc/verity.d/test.crt", json.get("verity.signature.signer.path"));
    }

    @Test
    void inspect_noTrustedCertificate_saysNotVerified() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty-root"));

        Run run = ddi("inspect", "--json=pretty", ddiImage().toString(), "--root=" + empty);

        assertEquals(0, run.status(), run.err());
        Map<String, String> json = flatten(run.out());
        assertEquals("false", json.get("verity.signature.verified"));
        assertEquals("no-trusted-certificates", json.get("verity.signature.failure"));
    }

    @Test
    void inspect_sidecarImage() throws Exception {
        for (String name : new String[] {"sidecar.raw", "sidecar.roothash", "sidecar.roothash.p7s", "sidecar.verity"}) {
            Files.copy(vectors().resolve("sidecar/" + name), temp.resolve(name));
        }

        Run run = ddi("inspect", temp.resolve("sidecar.raw").toString(), "--json", "--root=" + trustingRoot());

        assertEquals(0, run.status(), run.err());
        Map<String, String> json = flatten(run.out());
        assertEquals("bare", json.get("layout"));
        assertEquals("sidecar-file", json.get("verity.rootHashSource"));
        assertEquals("sidecar-file", json.get("verity.signature.source"));
        assertEquals("true", json.get("verity.signature.verified"));
    }

    @Test
    void inspect_sidecarsSwitchedOff_bareImageWithoutVerity() throws Exception {
        for (String name : new String[] {"sidecar.raw", "sidecar.roothash", "sidecar.roothash.p7s", "sidecar.verity"}) {
            Files.copy(vectors().resolve("sidecar/" + name), temp.resolve(name));
        }

        Run run = ddiWith(Map.of("SYSTEMD_DISSECT_VERITY_SIDECAR", "0"), "inspect",
                temp.resolve("sidecar.raw").toString(), "--json", "--root=" + trustingRoot());

        assertEquals(0, run.status(), run.err());
        Map<String, String> json = flatten(run.out());
        assertEquals("bare", json.get("layout"));
        assertEquals(null, json.get("verity.rootHashSource"), run.out());
    }

    @Test
    void inspect_embeddedAndGuessSwitchedOff_ddiWithoutRootHash() throws Exception {
        Path image = ddiImage();

        Run run = ddiWith(Map.of("SYSTEMD_DISSECT_VERITY_EMBEDDED", "no", "SYSTEMD_DISSECT_VERITY_GUESS", "false"),
                "inspect", image.toString(), "--json", "--root=" + trustingRoot());

        assertEquals(0, run.status(), run.err());
        assertEquals(null, flatten(run.out()).get("verity.rootHashSource"), run.out());
        assertEquals(false, ddi("inspect", image.toString(), "--json").out().equals(run.out()));
    }

    @Test
    void inspect_damagedGpt_clearErrorNoStackTrace() throws Exception {
        Path image = ddiImage();
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.seek(512 + 60);
            file.write(0xff);
            file.seek(file.length() - 512 + 60);
            file.write(0xff);
        }

        Run run = ddi("inspect", image.toString());

        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("Failed to read " + image + ": Invalid GPT: primary header: header CRC32 mismatch"),
                run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void inspect_missingImage_fails() {
        Run run = ddi("inspect", temp.resolve("nope.raw").toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("nope.raw: no such file"), run.err());
    }

    @Test
    void run_usageErrors() {
        assertEquals(1, ddi().status());
        assertTrue(ddi("frobnicate", "x").err().contains("unknown verb 'frobnicate'"));
        assertTrue(ddi("inspect").err().contains("inspect takes exactly one IMAGE"));
        assertTrue(ddi("inspect", "x", "--json=yaml").err().contains("unknown --json= mode 'yaml'"));
        assertTrue(ddi("inspect", "x", "--bogus").err().startsWith("ddi: Unknown option: '--bogus'"));
        assertEquals(0, ddi("--help").status());
    }
}
