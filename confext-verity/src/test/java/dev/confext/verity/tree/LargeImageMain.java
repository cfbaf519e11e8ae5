package dev.confext.verity.tree;

import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityParameters;
import java.nio.file.Path;

/** Child-process entry of {@link LargeImageTest}: formats {@code args[0]} into {@code args[1]} and prints the root hash. */
public final class LargeImageMain {
    private LargeImageMain() {}

    public static void main(String[] args) throws Exception {
        VerityParameters p = VerityParameters.builder().salt("-").uuid("11111111-2222-3333-4444-555555555555")
                .dataBlocks(Long.parseLong(args[2])).hashOffset(Long.parseLong(args[3])).build();
        System.out.print(VerityFormat.defaults().newTreeBuilder(p, Path.of(args[0]), Path.of(args[1])).build()
                .rootHashHex());
    }
}
