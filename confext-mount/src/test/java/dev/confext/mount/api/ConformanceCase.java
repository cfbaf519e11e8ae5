package dev.confext.mount.api;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.MutableMode;
import dev.confext.core.api.Root;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One case of {@code ../shared/conformance/cases}: its settings from {@code case.env}, its fixture root built
 * by {@code make-root.sh}, and the oracle's {@code summary.json}.
 */
final class ConformanceCase {
    final String name;
    final Path directory;
    final ExtensionKind kind;
    final List<String> args;
    final List<String> refreshArgs;
    final Map<String, String> environment;
    final boolean preRefreshHook;
    final Map<String, Object> summary;

    private ConformanceCase(String name, Path directory, ExtensionKind kind, List<String> args, List<String> refreshArgs,
            Map<String, String> environment, boolean preRefreshHook, Map<String, Object> summary) {
        this.name = name;
        this.directory = directory;
        this.kind = kind;
        this.args = args;
        this.refreshArgs = refreshArgs;
        this.environment = environment;
        this.preRefreshHook = preRefreshHook;
        this.summary = summary;
    }

    static List<ConformanceCase> all() throws IOException, InterruptedException {
        Path cases = PlanTestEnvironment.shared().resolve("conformance/cases");
        List<ConformanceCase> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(cases)) {
            for (Path dir : s.sorted().toList()) {
                if (Files.isRegularFile(dir.resolve("case.env"))) {
                    out.add(load(dir));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static ConformanceCase load(Path dir) throws IOException, InterruptedException {
        String script = ". ./case.env; printf '%s\\n%s\\n%s\\n%s\\n%s\\n' \"$CLASS\" \"$ARGS $MERGE_ARGS\" \"$REFRESH_ARGS\" "
                + "\"$CASE_ENV\" \"$(command -v pre_refresh >/dev/null 2>&1 && echo yes || echo no)\"";
        List<String> lines = run(dir, List.of("sh", "-c", script)).lines().toList();
        ExtensionKind kind = lines.get(0).equals("sysext") ? ExtensionKind.SYSEXT : ExtensionKind.CONFEXT;
        Map<String, String> env = new LinkedHashMap<>();
        for (String word : words(lines.get(3))) {
            int eq = word.indexOf('=');
            env.put(word.substring(0, eq), word.substring(eq + 1));
        }
        Map<String, Object> summary = (Map<String, Object>) TestJson.parse(
                Files.readString(dir.resolve("expected/summary.json"), StandardCharsets.UTF_8));
        return new ConformanceCase(dir.getFileName().toString(), dir, kind, words(lines.get(1)), words(lines.get(2)), env,
                lines.get(4).equals("yes"), summary);
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Builds the fixture root below {@code parent} and returns it. */
    Root buildRoot(Path parent) throws IOException, InterruptedException {
        Path root = parent.resolve("root");
        run(directory, List.of("sh", "make-root.sh", root.toString()));
        return Root.of(root);
    }

    /** {@code --mutable=} from the case's arguments. */
    Optional<MutableMode> mutableArgument() {
        for (String a : args) {
            if (a.startsWith("--mutable=")) {
                return MutableMode.parse(a.substring("--mutable=".length()));
            }
        }
        return Optional.empty();
    }

    boolean alwaysRefresh() {
        return refreshArgs.contains("--always-refresh=yes") || args.contains("--always-refresh=yes");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> section(String name) {
        return (Map<String, Object>) summary.get(name);
    }

    private static String run(Path cwd, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed in " + cwd + ":\n" + output);
        }
        return output;
    }
}
