package dev.confext.verity.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes the content of a {@code root-verity-sig}/{@code usr-verity-sig} partition as {@code systemd-repart}
 * does: compact JSON with the keys {@code rootHash}, {@code certificateFingerprint} (when given) and
 * {@code signature} in that order, then NUL bytes up to the partition size.
 *
 * <p>Stateless.
 */
public final class SignaturePartitions {
    private static final JsonFactory JSON = new JsonFactory();

    private SignaturePartitions() {}

    /**
     * The partition content.
     *
     * @param rootHash               the signed root hash
     * @param signature              DER PKCS#7 (see {@link RootHashSignatures#sign})
     * @param certificateFingerprint SHA-256 of the signer's DER certificate, lowercase hex (repart always writes it)
     * @param partitionSize          the size to pad to with NUL bytes (repart: 16384)
     * @throws IllegalArgumentException when the JSON does not fit into {@code partitionSize}
     */
    public static byte[] content(RootHash rootHash, byte[] signature, Optional<String> certificateFingerprint,
            int partitionSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("rootHash", rootHash.hex());
            if (certificateFingerprint.isPresent()) {
                g.writeStringField("certificateFingerprint", certificateFingerprint.get());
            }
            g.writeStringField("signature", Base64.getEncoder().encodeToString(signature));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        byte[] json = out.toByteArray();
        if (json.length > partitionSize) {
            throw new IllegalArgumentException("The signature JSON (" + json.length + " bytes) does not fit into "
                    + partitionSize + " bytes");
        }
        return Arrays.copyOf(json, partitionSize);
    }
}
