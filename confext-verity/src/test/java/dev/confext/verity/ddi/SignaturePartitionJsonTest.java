package dev.confext.verity.ddi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.confext.verity.TestEnvironment;
import dev.confext.verity.api.InvalidImageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The signature-partition JSON: the repart sample, the reader's rules, and generated input. */
class SignaturePartitionJsonTest {
    private static final String HASH = SampleImages.DDI_ROOT_HASH;

    private static byte[] padded(String json, int size) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(bytes, Math.max(size, bytes.length));
    }

    private static String error(String json) {
        return assertThrows(InvalidImageException.class, () -> SignaturePartitionJson.parse(padded(json, 4096)))
                .getMessage();
    }

    @Test
    void parse_repartSample_withNulPadding() throws Exception {
        byte[] json = Files.readAllBytes(TestEnvironment.vector("ddi/testconf-x86-64.verity-sig.json"));

        SignaturePartitionJson.Content content = SignaturePartitionJson.parse(Arrays.copyOf(json, 16384));

        assertEquals(HASH, content.rootHash().hex());
        assertArrayEquals(Files.readAllBytes(TestEnvironment.vector("ddi/testconf-x86-64.roothash.p7s.der")),
                content.signature().der());
        assertEquals(Optional.of("afccca589aeb1b6cb6f232c0b1c5567ab3fe3807ee22c35d975f055251e9dd55"),
                content.signature().certificateFingerprint());
    }

    @Test
    void content_reproducesTheRepartSampleByteForByte() throws Exception {
        byte[] json = Files.readAllBytes(TestEnvironment.vector("ddi/testconf-x86-64.verity-sig.json"));
        byte[] partition = Arrays.copyOfRange(SampleImages.ddiBytes(), 43008 * 512, 43040 * 512);
        SignaturePartitionJson.Content parsed = SignaturePartitionJson.parse(partition);

        byte[] written = dev.confext.verity.api.SignaturePartitions.content(parsed.rootHash(),
                parsed.signature().der(), parsed.signature().certificateFingerprint(), 16384);

        assertArrayEquals(partition, written);
        assertArrayEquals(json, Arrays.copyOf(written, json.length));
    }

    @Test
    void content_tooLargeForThePartition_fails() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> dev.confext.verity.api.SignaturePartitions.content(
                dev.confext.verity.api.RootHash.parseHex(HASH), new byte[4096], Optional.empty(), 4096));
    }

    @Test
    void parse_noPaddingUppercaseHashUnknownFieldsAnyOrder() throws Exception {
        SignaturePartitionJson.Content content = SignaturePartitionJson.parse(
                ("{ \"extra\": [1, {\"a\": null}], \"signature\": \"AAEC\",\n \"rootHash\": \"" + HASH.toUpperCase()
                        + "\" }").getBytes(StandardCharsets.UTF_8));

        assertEquals(HASH, content.rootHash().hex());
        assertArrayEquals(new byte[] {0, 1, 2}, content.signature().der());
        assertEquals(Optional.empty(), content.signature().certificateFingerprint());
    }

    @Test
    void parse_dataAfterPadding_fails() {
        byte[] bytes = padded("{\"rootHash\":\"" + HASH + "\",\"signature\":\"AAEC\"}", 4096);
        bytes[4000] = ' ';

        assertEquals("Verity signature partition has non-NUL data at byte 4000 after the NUL padding that starts at byte 98",
                assertThrows(InvalidImageException.class, () -> SignaturePartitionJson.parse(bytes)).getMessage());
    }

    @Test
    void parse_allNul_fails() {
        assertEquals("Verity signature partition is empty (all NUL)",
                assertThrows(InvalidImageException.class, () -> SignaturePartitionJson.parse(new byte[512])).getMessage());
    }

    @Test
    void parse_tooLarge_fails() {
        byte[] bytes = padded("{}", 4 * 1024 * 1024 + 1);

        assertEquals("Verity signature partition is 4194305 bytes, larger than the 4194304 allowed",
                assertThrows(InvalidImageException.class, () -> SignaturePartitionJson.parse(bytes)).getMessage());
    }

    @Test
    void parse_missingOrWrongFields_fail() {
        assertEquals("Verity signature JSON lacks the 'rootHash' field", error("{\"signature\":\"AAEC\"}"));
        assertEquals("Verity signature JSON lacks the 'signature' field", error("{\"rootHash\":\"" + HASH + "\"}"));
        assertEquals("Verity signature JSON field 'rootHash' is not a string",
                error("{\"rootHash\":12,\"signature\":\"AAEC\"}"));
        assertEquals("Verity signature partition does not hold a JSON object", error("[\"rootHash\"]"));
        assertEquals("Verity signature partition has data after its JSON object",
                error("{\"rootHash\":\"" + HASH + "\",\"signature\":\"AAEC\"} {}"));
    }

    @Test
    void parse_badValues_fail() {
        assertEquals("Verity signature JSON has an invalid 'rootHash': Root hash 'abc' has an odd number of hex digits",
                error("{\"rootHash\":\"abc\",\"signature\":\"AAEC\"}"));
        assertEquals("Verity signature JSON has an invalid 'rootHash': Root hash 'zz' contains the non-hex character 'z'",
                error("{\"rootHash\":\"zz\",\"signature\":\"AAEC\"}"));
        assertEquals("Verity signature JSON has an invalid 'rootHash': Root hash is 2 bytes long, at least 16 are needed",
                error("{\"rootHash\":\"abcd\",\"signature\":\"AAEC\"}"));
        assertEquals("Verity signature JSON has an empty 'signature'",
                error("{\"rootHash\":\"" + HASH + "\",\"signature\":\"\"}"));
        String message = error("{\"rootHash\":\"" + HASH + "\",\"signature\":\"!!!!\"}");
        assertEquals(true, message.startsWith("Verity signature JSON has an invalid base64 'signature'"), message);
    }

    @Test
    void parse_notJson_fails() {
        String message = error("{\"rootHash\":");
        assertEquals(true, message.startsWith("Verity signature partition is not valid JSON"), message);
        message = error("{\"rootHash\":\"" + HASH + "\",\"rootHash\":\"" + HASH + "\",\"signature\":\"AAEC\"}");
        assertEquals(true, message.contains("Duplicate field 'rootHash'"), message);
    }

    @Property(tries = 2000)
    void parse_arbitraryBytes_valueOrDocumentedException(@ForAll byte[] bytes) {
        parseOrInvalid(bytes);
    }

    @Property(tries = 2000)
    void parse_mutatedSample_valueOrDocumentedException(@ForAll("mutatedJson") byte[] bytes) {
        parseOrInvalid(bytes);
    }

    @Provide
    Arbitrary<byte[]> mutatedJson() {
        String json = "{\"rootHash\":\"" + HASH + "\",\"certificateFingerprint\":\"ab\",\"signature\":\"AAECAw==\"}";
        byte[] base = padded(json, 256);
        return Arbitraries.integers().between(0, base.length - 1).list().ofMaxSize(6)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                    byte[] copy = base.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    return copy;
                }));
    }

    private static void parseOrInvalid(byte[] bytes) {
        try {
            SignaturePartitionJson.Content content = SignaturePartitionJson.parse(bytes);
            assertEquals(true, content.rootHash().length() >= 16);
            assertEquals(true, content.signature().der().length > 0);
        } catch (InvalidImageException e) {
            assertEquals(true, e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }
}
