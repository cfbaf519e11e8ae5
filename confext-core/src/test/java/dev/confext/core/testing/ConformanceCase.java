package dev.confext.core.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.confext.core.TestEnvironment;
import dev.confext.core.api.ExtensionKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One recorded conformance case: its fixture script and what the oracle saw ({@code expected/summary.json}).
 * {@link #build(Path)} makes the fixture root.
 */
public final class ConformanceCase {
    private final Path directory;
    private final Map<String, Object> summary;

    private ConformanceCase(Path directory, Map<String, Object> summary) {
        this.directory = directory;
        this.summary = summary;
    }

    /** Every case below the shared conformance directory, by name. */
    public static List<ConformanceCase> all() throws IOException {
        List<ConformanceCase> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(casesDirectory())) {
            for (Path dir : dirs.sorted(Comparator.comparing(Path::toString)).toList()) {
                if (Files.isRegularFile(dir.resolve("expected/summary.json"))) {
                    cases.add(load(dir));
                }
            }
        }
        return cases;
    }

    /** {@code conformance/cases} of the shared directory named by system property {@code confext.shared}. */
    public static Path casesDirectory() {
        String shared = System.getProperty("confext.shared");
        TestEnvironment.require(shared != null, "system property confext.shared");
        Path cases = Path.of(shared, "conformance", "cases");
        TestEnvironment.require(Files.isDirectory(cases), "the conformance cases at " + cases);
        return cases;
    }

    public static ConformanceCase load(Path directory) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(directory.resolve("expected/summary.json").toFile())) {
            parser.nextToken();
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = (Map<String, Object>) readValue(parser);
            return new ConformanceCase(directory, summary);
        }
    }

    public String name() {
        return directory.getFileName().toString();
    }

    public Path directory() {
        return directory;
    }

    /** The extension kind the case runs as. */
    public ExtensionKind kind() {
        return "sysext".equals(string("case", "CLASS")) ? ExtensionKind.SYSEXT : ExtensionKind.CONFEXT;
    }

    /** The environment the case sets ({@code CASE_ENV} words). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        String words = string("case", "ENV");
        if (words != null) {
            for (String word : words.trim().split("\\s+")) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    env.put(word.substring(0, eq), word.substring(eq + 1));
                }
            }
        }
        return env;
    }

    /** A value of summary.json by key path; null when absent. */
    public Object get(String... keys) {
        Object node = summary;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    public String string(String... keys) {
        Object value = get(keys);
        return value == null ? null : value.toString();
    }

    /** Builds the fixture root in the empty directory {@code target} with the case's make-root.sh. */
    public void build(Path target) throws IOException, InterruptedException {
        Commands.run(directory, "sh", directory.resolve("make-root.sh").toString(), target.toString());
    }

    /** The images {@code list} showed, as "name|type|path" lines with {@code <ROOT>} kept. */
    @SuppressWarnings("unchecked")
    public TreeSet<String> listedImages() {
        TreeSet<String> result = new TreeSet<>();
        Object images = get("list", "images");
        if (images instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> image = (Map<String, Object>) o;
                result.add(image.get("name") + "|" + image.get("type") + "|" + image.get("path"));
            }
        }
        return result;
    }

    /**
     * The images of {@code expected/10-list.json} (the oracle's {@code list --json=short}) as "name|type|path"
     * lines; empty when that file holds no JSON array (list failed).
     */
    @SuppressWarnings("unchecked")
    public TreeSet<String> listJsonImages() throws IOException {
        TreeSet<String> result = new TreeSet<>();
        Path file = directory.resolve("expected/10-list.json");
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return result;
        }
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return result;
            }
            for (Object o : (List<Object>) readValue(parser)) {
                Map<String, Object> image = (Map<String, Object>) o;
                result.add(image.get("name") + "|" + image.get("type") + "|" + image.get("path"));
            }
        }
        return result;
    }

    /** The images merged (union over hierarchies) by the first merge. */
    @SuppressWarnings("unchecked")
    public TreeSet<String> mergedExtensions() {
        TreeSet<String> result = new TreeSet<>();
        Object merged = get("merge", "merged");
        if (merged instanceof Map<?, ?> hierarchies) {
            for (Object h : hierarchies.values()) {
                Object extensions = ((Map<String, Object>) h).get("extensions");
                if (extensions instanceof List<?> list) {
                    list.forEach(e -> result.add(e.toString()));
                }
            }
        }
        return result;
    }

    public String readExpected(String file) throws IOException {
        return Files.readString(directory.resolve("expected").resolve(file), StandardCharsets.UTF_8);
    }

    private static Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, readValue(parser));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(parser));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
