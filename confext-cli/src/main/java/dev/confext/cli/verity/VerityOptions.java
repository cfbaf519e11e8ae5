package dev.confext.cli.verity;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of {@code bin/verity}, named as veritysetup names them; they may come before or after the action. */
@Command(name = "verity", mixinStandardHelpOptions = false, usageHelpAutoWidth = false,
        description = "Create and verify dm-verity hash trees, byte-compatible with veritysetup.",
        footer = {"", "<action> is one of:",
                "  format <data_device> <hash_device>          - format device",
                "  verify <data_device> <hash_device> [<root_hash>] - verify device",
                "  dump <hash_device>                          - show on-disk information"})
final class VerityOptions {
    /**
     * The options given that belong to veritysetup's {@code open} or {@code close} action only, by
     * name, in veritysetup's order.
     */
    java.util.List<String> deviceMapperOptions() {
        java.util.List<String> given = new ArrayList<>();
        addIf(given, deferred, "--deferred");
        addIf(given, cancelDeferred, "--cancel-deferred");
        addIf(given, ignoreCorruption, "--ignore-corruption");
        addIf(given, ignoreZeroBlocks, "--ignore-zero-blocks");
        addIf(given, panicOnCorruption, "--panic-on-corruption");
        addIf(given, restartOnCorruption, "--restart-on-corruption");
        addIf(given, errorAsCorruption, "--error-as-corruption");
        addIf(given, rootHashSignature != null, "--root-hash-signature");
        addIf(given, useTasklets, "--use-tasklets");
        addIf(given, shared, "--shared");
        return given;
    }

    private static void addIf(java.util.List<String> given, boolean set, String name) {
        if (set) {
            given.add(name);
        }
    }

    @Parameters(paramLabel = "<action> <action-specific>", arity = "0..*")
    List<String> arguments = new ArrayList<>();

    @Option(names = {"-h", "--hash"}, paramLabel = "string", description = "Hash algorithm (default sha256).")
    String hash = "sha256";

    @Option(names = "--format", paramLabel = "number", description = "Format type (1 - normal, 0 - original Chrome OS).")
    int format = 1;

    @Option(names = "--data-block-size", paramLabel = "bytes", description = "Block size on the data device.")
    long dataBlockSize = 4096;

    @Option(names = "--hash-block-size", paramLabel = "bytes", description = "Block size on the hash device.")
    long hashBlockSize = 4096;

    @Option(names = {"-s", "--salt"}, paramLabel = "hex string", description = "Salt (hex), or - for none.")
    String salt;

    @Option(names = "--uuid", paramLabel = "STRING", description = "UUID for device to use.")
    String uuid;

    @Option(names = "--no-superblock", description = "Do not use verity superblock.")
    boolean noSuperblock;

    @Option(names = "--hash-offset", paramLabel = "bytes", description = "Starting offset on the hash device.")
    long hashOffset;

    @Option(names = "--data-blocks", paramLabel = "blocks", description = "The number of blocks in the data file.",
            converter = UnsignedDecimal.class)
    long dataBlocks;

    /**
     * A count as veritysetup reads it ({@code strtoull} in base 10): leading blanks and a sign allowed, a negative
     * number wrapping around, anything above 2^64 - 1 refused. A count above {@link Long#MAX_VALUE} comes out
     * negative, which the parameters refuse as veritysetup does ("Device offset overflow.").
     */
    static final class UnsignedDecimal implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            int i = 0;
            while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) >= '\t' && value.charAt(i) <= '\r')) {
                i++;
            }
            boolean negative = i < value.length() && value.charAt(i) == '-';
            if (i < value.length() && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
                i++;
            }
            String digits = value.substring(i);
            if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a number");
            }
            long number;
            try {
                number = Long.parseUnsignedLong(digits);
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is above 2^64 - 1");
            }
            return negative ? -number : number;
        }
    }

    @Option(names = "--fec-device", paramLabel = "path", description = "Path to device with error correction data.")
    String fecDevice;

    @Option(names = "--fec-offset", paramLabel = "bytes", description = "Starting offset on the FEC device.")
    long fecOffset;

    @Option(names = "--fec-roots", paramLabel = "bytes", description = "FEC parity bytes (2 to 24, default 2).")
    int fecRoots = dev.confext.verity.api.FecParameters.DEFAULT_ROOTS;

    @Option(names = "--root-hash-file", paramLabel = "STRING", description = "Path to root hash file.")
    String rootHashFile;

    @Option(names = "--threads", paramLabel = "number", description = "Hashing threads (default: all processors).")
    Integer threads;

    @Option(names = {"-v", "--verbose"}, description = "Shows more detailed error messages.")
    boolean verbose;

    @Option(names = "--debug", description = "Show debug messages (lines starting with '#'; implies --verbose).")
    boolean debug;

    @Option(names = "--check-at-most-once", hidden = true)
    boolean checkAtMostOnce;

    // Options of veritysetup's open and close actions, which need device-mapper: accepted, so that a
    // command line written for veritysetup gets its "not allowed with ... action" error, not "unknown option".
    @Option(names = "--ignore-corruption", hidden = true)
    boolean ignoreCorruption;

    @Option(names = "--ignore-zero-blocks", hidden = true)
    boolean ignoreZeroBlocks;

    @Option(names = "--restart-on-corruption", hidden = true)
    boolean restartOnCorruption;

    @Option(names = "--panic-on-corruption", hidden = true)
    boolean panicOnCorruption;

    @Option(names = "--error-as-corruption", hidden = true)
    boolean errorAsCorruption;

    @Option(names = "--use-tasklets", hidden = true)
    boolean useTasklets;

    @Option(names = "--shared", hidden = true)
    boolean shared;

    @Option(names = "--root-hash-signature", paramLabel = "STRING", hidden = true)
    String rootHashSignature;

    @Option(names = "--deferred", hidden = true)
    boolean deferred;

    @Option(names = "--cancel-deferred", hidden = true)
    boolean cancelDeferred;

    @Option(names = "--usage", description = "Display brief usage.")
    boolean usage;

    @Option(names = {"-?", "--help"}, usageHelp = true, description = "Show this help message.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print package version.")
    boolean version;
}
