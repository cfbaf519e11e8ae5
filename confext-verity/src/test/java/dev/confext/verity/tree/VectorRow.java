package dev.confext.verity.tree;

import dev.confext.verity.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** One row of {@code shared/vectors/vectors.tsv}. */
record VectorRow(String id, String pattern, long dataBytes, int dataBlockSize, int hashBlockSize, String hash,
        int format, String saltHex, boolean superblock, long hashOffset, long dataBlocks, int levels,
        long hashFileBytes, String rootHash, String hashFileSha256, String dataSha256, String note) {

    static List<VectorRow> all() throws IOException {
        List<String> lines = Files.readAllLines(TestEnvironment.vector("vectors.tsv"));
        List<String> header = List.of(lines.get(0).split("\t"));
        List<VectorRow> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            java.util.function.Function<String, String> col = name -> f[header.indexOf(name)];
            rows.add(new VectorRow(col.apply("id"), col.apply("data_pattern"), Long.parseLong(col.apply("data_bytes")),
                    Integer.parseInt(col.apply("data_block_size")), Integer.parseInt(col.apply("hash_block_size")),
                    col.apply("hash"), Integer.parseInt(col.apply("format")), col.apply("salt_hex"),
                    col.apply("superblock").equals("yes"), Long.parseLong(col.apply("hash_offset")),
                    Long.parseLong(col.apply("data_blocks")), Integer.parseInt(col.apply("levels")),
                    Long.parseLong(col.apply("hash_file_bytes")), col.apply("root_hash"),
                    col.apply("hash_file_sha256"), col.apply("data_sha256"), col.apply("note")));
        }
        return rows;
    }

    @Override
    public String toString() {
        return id + " (" + note + ")";
    }
}
