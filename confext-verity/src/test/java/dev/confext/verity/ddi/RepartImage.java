package dev.confext.verity.ddi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.confext.verity.TestEnvironment;
import dev.confext.verity.signature.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a verity DDI with the real {@code systemd-repart} from an erofs made by {@code mkfs.erofs}: a data
 * partition ({@code CopyBlocks=}), its verity partition and, when a key is given, its signature partition.
 */
final class RepartImage {
    /** The image and the root hash repart reported for it. */
    record Built(Path image, String rootHash) {}

    private RepartImage() {}

    /**
     * @param dataType {@code root}, {@code usr}, {@code root-arm64}, ...
     * @param key      sign with this key (adds the signature partition), or not
     */
    static Built build(Path directory, String name, String dataType, Optional<TestKeys.KeyPair> key) throws Exception {
        Path repart = TestEnvironment.requireTool("systemd-repart");
        Path mkfs = TestEnvironment.requireTool("mkfs.erofs");
        Path tree = directory.resolve(name + ".tree");
        Files.createDirectories(tree.resolve("etc/extension-release.d"));
        Files.writeString(tree.resolve("etc/extension-release.d/extension-release." + name), "ID=_any\n");
        Files.writeString(tree.resolve("etc/" + name + ".conf"), "made for " + name + "\n");
        Path erofs = directory.resolve(name + ".erofs");
        TestEnvironment.run(directory, mkfs.toString(), "--quiet", "-T0", "--all-root", erofs.toString(), tree.toString());
        Path definitions = directory.resolve(name + ".repart.d");
        Files.createDirectories(definitions);
        String match = dataType.startsWith("usr") ? "usr" : "root";
        Files.writeString(definitions.resolve("10-data.conf"), "[Partition]\nType=" + dataType + "\nCopyBlocks="
                + erofs.toAbsolutePath() + "\nVerity=data\nVerityMatchKey=" + match + "\n");
        Files.writeString(definitions.resolve("20-verity.conf"), "[Partition]\nType=" + dataType
                + "-verity\nVerity=hash\nVerityMatchKey=" + match + "\n");
        List<String> command = new ArrayList<>(List.of(repart.toString(), "--dry-run=no", "--empty=create",
                "--size=auto", "--json=short", "--definitions=" + definitions));
        if (key.isPresent()) {
            Files.writeString(definitions.resolve("30-signature.conf"), "[Partition]\nType=" + dataType
                    + "-verity-sig\nVerity=signature\nVerityMatchKey=" + match + "\n");
            command.add("--private-key=" + key.get().keyFile());
            command.add("--certificate=" + key.get().certificateFile());
        }
        Path image = directory.resolve(name + ".raw");
        command.add(image.toString());
        String output = TestEnvironment.run(directory, command.toArray(String[]::new));
        return new Built(image, rootHashFrom(output.substring(output.indexOf('['))));
    }

    private static String rootHashFrom(String json) throws Exception {
        String found = null;
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && parser.currentName().equals("roothash")
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    found = parser.getText();
                }
            }
        }
        if (found == null) {
            throw new AssertionError("systemd-repart reported no root hash: " + json);
        }
        return found;
    }
}
