package dev.confext.cli.ddi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.ImageExtent;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.SkippedCertificateFile;
import dev.confext.verity.api.TrustedCertificate;
import dev.confext.verity.api.VerityInfo;
import dev.confext.verity.api.VeritySignature;
import dev.confext.verity.api.VeritySuperblock;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Writes an {@link InspectionResult} as JSON (schema version 1): enum values in lowercase with dashes, hashes
 * in lowercase hex, sizes in bytes.
 */
final class InspectJson {
    private static final JsonFactory JSON = new JsonFactory();

    private InspectJson() {}

    static String write(InspectionResult result, boolean pretty) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            DdiImage image = result.image();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", 1);
            g.writeStringField("image", image.path().toString());
            g.writeStringField("layout", word(image.layout()));
            if (image.layout() == DdiImage.Layout.GPT) {
                g.writeNumberField("sectorSize", image.sectorSize());
                g.writeStringField("diskGuid", image.diskGuid().map(Object::toString).orElse(null));
            }
            g.writeObjectFieldStart("protection");
            g.writeStringField("root", word(image.protection(PartitionDesignator.ROOT)));
            g.writeStringField("usr", word(image.protection(PartitionDesignator.USR)));
            g.writeEndObject();
            g.writeObjectFieldStart("fileSystems");
            for (PartitionDesignator d : PartitionDesignator.values()) {
                if (image.fileSystems().containsKey(d)) {
                    g.writeStringField(d.text(), image.fileSystems().get(d));
                }
            }
            g.writeEndObject();
            g.writeArrayFieldStart("partitions");
            for (DdiPartition p : image.partitions()) {
                partition(g, p, image.selected().containsValue(p));
            }
            g.writeEndArray();
            g.writeFieldName("verity");
            if (image.verity().isEmpty()) {
                g.writeNull();
            } else {
                verity(g, image.verity().get(), result);
            }
            g.writeArrayFieldStart("notes");
            for (String note : image.notes()) {
                g.writeString(note);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return text.toString();
    }

    private static void partition(JsonGenerator g, DdiPartition p, boolean selected) throws IOException {
        g.writeStartObject();
        g.writeNumberField("number", p.number());
        g.writeStringField("typeUuid", p.type().uuid().toString());
        g.writeStringField("type", p.type().designator().isPresent() ? p.type().name() : null);
        g.writeStringField("designator", p.type().designator().map(d -> d.text()).orElse(null));
        g.writeStringField("architecture", p.type().architecture().map(a -> a.systemdName()).orElse(null));
        g.writeStringField("uuid", p.uuid().toString());
        g.writeStringField("label", p.label());
        g.writeNumberField("firstLba", p.firstLba());
        g.writeNumberField("lastLba", p.lastLba());
        g.writeNumberField("offset", p.offset());
        g.writeNumberField("size", p.size());
        g.writeStringField("attributes", String.format("0x%016x", p.attributes()));
        g.writeArrayFieldStart("flags");
        if (p.noAuto()) {
            g.writeString("no-auto");
        }
        if (p.readOnly()) {
            g.writeString("read-only");
        }
        if (p.growFs()) {
            g.writeString("growfs");
        }
        g.writeEndArray();
        g.writeBooleanField("selected", selected);
        g.writeEndObject();
    }

    private static void verity(JsonGenerator g, VerityInfo verity, InspectionResult result) throws IOException {
        VeritySuperblock sb = verity.superblock();
        g.writeStartObject();
        g.writeStringField("designator", verity.designator().text());
        g.writeStringField("rootHash", verity.rootHash().hex());
        g.writeStringField("rootHashSource", word(verity.rootHashSource()));
        g.writeFieldName("data");
        extent(g, verity.data());
        g.writeFieldName("hash");
        extent(g, verity.hash());
        g.writeObjectFieldStart("superblock");
        g.writeStringField("uuid", sb.uuid().toString());
        g.writeNumberField("format", sb.hashType());
        g.writeStringField("algorithm", sb.algorithm().veritySetupName());
        g.writeNumberField("dataBlockSize", sb.dataBlockSize());
        g.writeNumberField("hashBlockSize", sb.hashBlockSize());
        g.writeNumberField("dataBlocks", sb.dataBlocks());
        g.writeStringField("salt", HexFormat.of().formatHex(sb.salt()));
        g.writeNumberField("levels", verity.parameters().geometry(sb.dataBlocks()).levels());
        g.writeEndObject();
        g.writeFieldName("signature");
        if (verity.signature().isEmpty()) {
            g.writeNull();
        } else {
            VeritySignature signature = verity.signature().get();
            g.writeStartObject();
            g.writeStringField("source", word(signature.source()));
            g.writeNumberField("size", signature.der().length);
            g.writeStringField("certificateFingerprint", signature.certificateFingerprint().orElse(null));
            g.writeStringField("certificateRoot", result.certificateRoot());
            g.writeNumberField("trustedCertificates", result.trusted().certificates().size());
            g.writeArrayFieldStart("skippedCertificateFiles");
            for (SkippedCertificateFile skipped : result.trusted().skipped()) {
                g.writeStartObject();
                g.writeStringField("path", skipped.path());
                g.writeStringField("reason", skipped.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("verified", result.verified().isPresent());
            if (result.verified().isPresent()) {
                TrustedCertificate signer = result.verified().get().signer();
                g.writeObjectFieldStart("signer");
                g.writeStringField("path", signer.source());
                g.writeStringField("subject", signer.certificate().getSubjectX500Principal().getName());
                g.writeStringField("fingerprint", signer.fingerprint());
                g.writeEndObject();
            } else {
                g.writeStringField("failure", word(result.refused().orElseThrow().reason()));
                g.writeStringField("message", result.refused().orElseThrow().getMessage());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void extent(JsonGenerator g, ImageExtent extent) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", extent.file().toString());
        if (extent.partition().isPresent()) {
            g.writeNumberField("partition", extent.partition().getAsInt());
        }
        g.writeNumberField("offset", extent.offset());
        g.writeNumberField("size", extent.length());
        g.writeEndObject();
    }

    /** {@code SIGNATURE_PARTITION} → {@code signature-partition}. */
    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
