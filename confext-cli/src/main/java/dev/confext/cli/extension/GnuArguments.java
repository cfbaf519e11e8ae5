package dev.confext.cli.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies GNU {@code getopt_long} conventions to an argument vector before {@link ExtensionCommandLine} binds it, so the
 * command line accepts exactly what systemd's does and rejects the rest with glibc's wording:
 * unique prefixes of long options ({@code --ro=/x}), the value as the next word ({@code --root /x}),
 * {@code -h} as the only short option, options after the verb, and {@code --} ending the options.
 *
 * <p>The result spells every option in full as {@code --name} or {@code --name=value}; every word after
 * a {@code --} (which is kept) is an operand. Like getopt, it stops at the first malformed option and
 * reports it together with the words before it: an option before it that ends parsing (such as
 * {@code --help}) still takes effect, as it does in systemd.
 */
final class GnuArguments {
    private final String program;
    private final List<LongOption> options;

    /**
     * @param program name used as the prefix of getopt's messages ({@code confext}, {@code sysext})
     * @param options the long options in table order (the order getopt lists ambiguous candidates in)
     */
    GnuArguments(String program, List<LongOption> options) {
        this.program = program;
        this.options = List.copyOf(options);
    }

    /**
     * The words up to the first malformed option, normalised, and getopt's message for that option.
     *
     * @param words the normalised words before the error (all of them without one)
     * @param error getopt's message for an unknown, ambiguous or malformed option
     */
    record Result(List<String> words, Optional<String> error) {
        Result {
            words = List.copyOf(words);
        }
    }

    /** Normalises {@code args}. */
    Result normalise(String[] args) {
        List<String> result = new ArrayList<>();
        try {
            normalise(args, result);
            return new Result(result, Optional.empty());
        } catch (UsageException e) {
            return new Result(result, Optional.of(e.getMessage()));
        }
    }

    private void normalise(String[] args, List<String> result) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                for (int j = i; j < args.length; j++) {
                    result.add(args[j]);
                }
                return;
            }
            if (arg.startsWith("--")) {
                String body = arg.substring(2);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                LongOption option = lookUp(name, arg);
                if (option.takesArgument()) {
                    if (eq >= 0) {
                        result.add(option.spelled() + "=" + body.substring(eq + 1));
                    } else if (i + 1 < args.length) {
                        result.add(option.spelled() + "=" + args[++i]);
                    } else {
                        throw new UsageException(program + ": option '" + option.spelled() + "' requires an argument");
                    }
                } else {
                    if (eq >= 0) {
                        throw new UsageException(program + ": option '" + option.spelled() + "' doesn't allow an argument");
                    }
                    result.add(option.spelled());
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                char c = arg.charAt(1);
                if (c != 'h') {
                    throw new UsageException(program + ": invalid option -- '" + c + "'");
                }
                // getopt acts on -h at once, so whatever follows it in the cluster never matters.
                result.add("--help");
            } else {
                result.add(arg);
            }
        }
    }

    private LongOption lookUp(String name, String arg) throws UsageException {
        List<LongOption> candidates = new ArrayList<>();
        for (LongOption option : options) {
            if (option.name().equals(name)) {
                return option;
            }
            if (!name.isEmpty() && option.name().startsWith(name)) {
                candidates.add(option);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new UsageException(program + ": unrecognized option '" + arg + "'");
        }
        StringBuilder message = new StringBuilder(program).append(": option '--").append(name)
                .append("' is ambiguous; possibilities:");
        for (LongOption option : candidates) {
            message.append(" '").append(option.spelled()).append('\'');
        }
        throw new UsageException(message.toString());
    }
}
