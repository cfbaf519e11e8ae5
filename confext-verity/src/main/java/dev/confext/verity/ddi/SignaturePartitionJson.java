package dev.confext.verity.ddi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.confext.verity.api.InvalidImageException;
import dev.confext.verity.api.RootHash;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VeritySignature;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Parses the content of a verity signature partition: a JSON object
 * {@code {"rootHash":"<hex>","certificateFingerprint":"<hex>","signature":"<base64>"}} followed by NUL bytes
 * up to the end of the partition. Rules as systemd applies them: at most 4 MiB; after the first NUL every
 * byte must be NUL; {@code rootHash} (hex of either case) and {@code signature} (standard base64) are
 * mandatory strings; {@code certificateFingerprint} is optional; other fields are ignored.
 */
public final class SignaturePartitionJson {
    /** The largest signature partition systemd reads. */
    public static final long MAX_SIZE = 4L * 1024 * 1024;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The parsed content. */
    public record Content(RootHash rootHash, VeritySignature signature) {}

    private SignaturePartitionJson() {}

    /**
     * Parses the whole partition content.
     *
     * @throws InvalidImageException with a message naming what is wrong
     */
    public static Content parse(byte[] partition) throws InvalidImageException {
        if (partition.length > MAX_SIZE) {
            throw new InvalidImageException("Verity signature partition is " + partition.length
                    + " bytes, larger than the " + MAX_SIZE + " allowed");
        }
        int end = 0;
        while (end < partition.length && partition[end] != 0) {
            end++;
        }
        for (int i = end; i < partition.length; i++) {
            if (partition[i] != 0) {
                throw new InvalidImageException("Verity signature partition has non-NUL data at byte " + i
                        + " after the NUL padding that starts at byte " + end);
            }
        }
        if (end == 0) {
            throw new InvalidImageException("Verity signature partition is empty (all NUL)");
        }
        String rootHashHex = null;
        String signatureBase64 = null;
        String fingerprint = null;
        try (JsonParser parser = JSON.createParser(partition, 0, end)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidImageException("Verity signature partition does not hold a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "rootHash" -> rootHashHex = stringField(parser, value, name);
                    case "signature" -> signatureBase64 = stringField(parser, value, name);
                    case "certificateFingerprint" -> fingerprint = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    default -> parser.skipChildren();
                }
                if (name.equals("rootHash") || name.equals("signature") || name.equals("certificateFingerprint")) {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new InvalidImageException("Verity signature partition JSON is not a well-formed object");
            }
            if (parser.nextToken() != null) {
                throw new InvalidImageException("Verity signature partition has data after its JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidImageException("Verity signature partition is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidImageException("Verity signature partition cannot be parsed: " + e.getMessage(), e);
        }
        if (rootHashHex == null) {
            throw new InvalidImageException("Verity signature JSON lacks the 'rootHash' field");
        }
        if (signatureBase64 == null) {
            throw new InvalidImageException("Verity signature JSON lacks the 'signature' field");
        }
        RootHash rootHash;
        try {
            rootHash = RootHash.parseHex(rootHashHex);
        } catch (VerityException e) {
            throw new InvalidImageException("Verity signature JSON has an invalid 'rootHash': " + e.getMessage(), e);
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(signatureBase64.replaceAll("[ \t\n\r]", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException("Verity signature JSON has an invalid base64 'signature': " + e.getMessage(), e);
        }
        if (der.length == 0) {
            throw new InvalidImageException("Verity signature JSON has an empty 'signature'");
        }
        Optional<String> certificateFingerprint = Optional.ofNullable(fingerprint)
                .filter(SignaturePartitionJson::isHex).map(String::toLowerCase);
        return new Content(rootHash, new VeritySignature(der, VeritySignature.Source.SIGNATURE_PARTITION,
                certificateFingerprint));
    }

    private static String stringField(JsonParser parser, JsonToken value, String name)
            throws IOException, InvalidImageException {
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidImageException("Verity signature JSON field '" + name + "' is not a string");
        }
        return parser.getText();
    }

    private static boolean isHex(String text) {
        try {
            HexFormat.of().parseHex(text);
            return !text.isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
