package dev.confext.cli.verity;

import java.util.Optional;

/**
 * Reads the everyday forms of the {@code verity} command line ({@code --name=value},
 * {@code --name value}, {@code -h value}, flags, operands) without building picocli's model,
 * which costs a large part of the start-up time. Anything else (help, version, {@code --},
 * unknown options, values that are not plain decimal numbers) is left to picocli, which stays
 * the reference: a property test checks that both read every accepted command line the same way.
 */
final class QuickParser {
    private QuickParser() {}

    /** The options, or empty when picocli must read this command line. */
    static Optional<VerityOptions> parse(String[] args) {
        VerityOptions o = new VerityOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-")) {
                o.arguments.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (isFlag(name)) {
                if (value != null) {
                    return Optional.empty();
                }
                setFlag(o, name);
                continue;
            }
            if (!takesValue(name)) {
                return Optional.empty();
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    return Optional.empty();
                }
                value = args[++i];
            }
            if (value.startsWith("-") && !value.equals("-")) {
                return Optional.empty();
            }
            if (!set(o, name, value)) {
                return Optional.empty();
            }
        }
        return Optional.of(o);
    }

    private static boolean isFlag(String name) {
        switch (name) {
            case "--no-superblock":
            case "-v":
            case "--verbose":
            case "--debug":
            case "--check-at-most-once":
                return true;
            default:
                return false;
        }
    }

    private static void setFlag(VerityOptions o, String name) {
        switch (name) {
            case "--no-superblock":
                o.noSuperblock = true;
                break;
            case "--debug":
                o.debug = true;
                break;
            case "--check-at-most-once":
                o.checkAtMostOnce = true;
                break;
            default:
                o.verbose = true;
                break;
        }
    }

    private static boolean takesValue(String name) {
        switch (name) {
            case "-h":
            case "--hash":
            case "--format":
            case "--data-block-size":
            case "--hash-block-size":
            case "-s":
            case "--salt":
            case "--uuid":
            case "--hash-offset":
            case "--data-blocks":
            case "--root-hash-file":
            case "--threads":
            case "--fec-device":
            case "--fec-offset":
            case "--fec-roots":
                return true;
            default:
                return false;
        }
    }

    private static boolean set(VerityOptions o, String name, String value) {
        switch (name) {
            case "-h":
            case "--hash":
                o.hash = value;
                return true;
            case "-s":
            case "--salt":
                o.salt = value;
                return true;
            case "--uuid":
                o.uuid = value;
                return true;
            case "--root-hash-file":
                o.rootHashFile = value;
                return true;
            case "--fec-device":
                o.fecDevice = value;
                return true;
            default:
                break;
        }
        if (value.isEmpty() || value.length() > 18 || !isDecimal(value)) {
            return false;
        }
        long number = Long.parseLong(value);
        switch (name) {
            case "--format":
                if (number > Integer.MAX_VALUE) {
                    return false;
                }
                o.format = (int) number;
                return true;
            case "--threads":
                if (number > Integer.MAX_VALUE) {
                    return false;
                }
                o.threads = (int) number;
                return true;
            case "--fec-roots":
                if (number > Integer.MAX_VALUE) {
                    return false;
                }
                o.fecRoots = (int) number;
                return true;
            case "--fec-offset":
                o.fecOffset = number;
                return true;
            case "--data-block-size":
                o.dataBlockSize = number;
                return true;
            case "--hash-block-size":
                o.hashBlockSize = number;
                return true;
            case "--hash-offset":
                o.hashOffset = number;
                return true;
            case "--data-blocks":
                o.dataBlocks = number;
                return true;
            default:
                return false;
        }
    }

    /** Only ASCII digits (a loop, not a stream: this runs before anything else at start-up). */
    private static boolean isDecimal(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
