package dev.confext.mount.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.confext.core.api.MutableMode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The origin document in systemd's own form: field names and order as systemd writes them
 * ({@code mutable{mode, mutableDirs}}, {@code mountOptions}, {@code extensions{NAME{path, verityHash |
 * onMountId, fileHandle{type, handle} | inode, crtime, mtime}}}), pretty-printed the way systemd's JSON
 * library does (tab indentation, {@code "key" : value}, a final newline), so that a refresh after an
 * upstream merge and the reverse compare equal.
 */
public final class OriginJson {
    private OriginJson() {}


    /** The document as systemd writes it, with the final newline. */
    public static String write(Origin origin) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JsonTree.FACTORY.createGenerator(text)) {
            g.setPrettyPrinter(SystemdJson.prettyPrinter());
            g.writeStartObject();
            g.writeObjectFieldStart("mutable");
            g.writeStringField("mode", origin.mode().word());
            if (!origin.mutableDirs().isEmpty()) {
                g.writeObjectFieldStart("mutableDirs");
                for (Map.Entry<String, String> e : origin.mutableDirs().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            if (origin.mountOptions().isPresent()) {
                g.writeStringField("mountOptions", origin.mountOptions().get());
            }
            if (!origin.extensions().isEmpty()) {
                g.writeObjectFieldStart("extensions");
                for (Map.Entry<String, OriginEntry> e : origin.extensions().entrySet()) {
                    g.writeObjectFieldStart(e.getKey());
                    writeEntry(g, e.getValue());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }

    private static void writeEntry(JsonGenerator g, OriginEntry entry) throws IOException {
        g.writeStringField("path", entry.path());
        if (entry.verityHash().isPresent()) {
            g.writeStringField("verityHash", entry.verityHash().get());
            return;
        }
        writeUnsigned(g, "onMountId", entry.onMountId());
        if (entry.fileHandle().isPresent()) {
            g.writeObjectFieldStart("fileHandle");
            g.writeNumberField("type", entry.fileHandle().get().type());
            g.writeStringField("handle", entry.fileHandle().get().handle());
            g.writeEndObject();
        }
        writeUnsigned(g, "inode", entry.inode());
        writeUnsigned(g, "crtime", entry.crtimeUsec());
        writeUnsigned(g, "mtime", entry.mtimeUsec());
    }

    private static void writeUnsigned(JsonGenerator g, String name, OptionalLong value) throws IOException {
        if (value.isPresent()) {
            g.writeFieldName(name);
            long v = value.getAsLong();
            if (v >= 0) {
                g.writeNumber(v);
            } else {
                g.writeNumber(new BigInteger(Long.toUnsignedString(v)));
            }
        }
    }

    /**
     * Reads an origin document (systemd's or ours).
     *
     * @throws PlanFormatException when it is not JSON or lacks {@code mutable.mode}
     */
    public static Origin parse(String text) throws PlanFormatException {
        Object tree = JsonTree.parse(text);
        Map<?, ?> root = object(tree, "origin");
        Map<?, ?> mutable = object(root.get("mutable"), "mutable");
        String modeWord = string(mutable.get("mode"), "mutable.mode");
        MutableMode mode = MutableMode.parse(modeWord)
                .orElseThrow(() -> new PlanFormatException("unknown mutable mode '" + modeWord + "'"));
        Map<String, String> dirs = new LinkedHashMap<>();
        if (mutable.get("mutableDirs") != null) {
            for (Map.Entry<?, ?> e : object(mutable.get("mutableDirs"), "mutableDirs").entrySet()) {
                dirs.put((String) e.getKey(), string(e.getValue(), "mutableDirs value"));
            }
        }
        Optional<String> options = root.get("mountOptions") == null ? Optional.empty()
                : Optional.of(string(root.get("mountOptions"), "mountOptions"));
        Map<String, OriginEntry> extensions = new LinkedHashMap<>();
        if (root.get("extensions") != null) {
            for (Map.Entry<?, ?> e : object(root.get("extensions"), "extensions").entrySet()) {
                extensions.put((String) e.getKey(), entry(object(e.getValue(), "extension " + e.getKey())));
            }
        }
        return new Origin(mode, dirs, options, extensions);
    }

    private static OriginEntry entry(Map<?, ?> o) throws PlanFormatException {
        Optional<FileHandle> handle = Optional.empty();
        if (o.get("fileHandle") != null) {
            Map<?, ?> h = object(o.get("fileHandle"), "fileHandle");
            try {
                handle = Optional.of(new FileHandle(number(h.get("type"), "fileHandle.type").intValueExact(),
                        string(h.get("handle"), "fileHandle.handle")));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new PlanFormatException("bad fileHandle: " + e.getMessage(), e);
            }
        }
        return new OriginEntry(string(o.get("path"), "path"),
                o.get("verityHash") == null ? Optional.empty() : Optional.of(string(o.get("verityHash"), "verityHash")),
                unsigned(o.get("onMountId"), "onMountId"), handle, unsigned(o.get("inode"), "inode"),
                unsigned(o.get("crtime"), "crtime"), unsigned(o.get("mtime"), "mtime"));
    }

    /**
     * Whether two origin documents are the same as systemd decides it: parsed and compared structurally
     * (objects as unordered key sets, arrays element-wise, numbers by value, strings byte-wise).
     *
     * @throws PlanFormatException when either is not JSON
     */
    public static boolean sameDocument(String a, String b) throws PlanFormatException {
        return java.util.Objects.equals(JsonTree.parse(a), JsonTree.parse(b));
    }

    private static Map<?, ?> object(Object value, String what) throws PlanFormatException {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new PlanFormatException("'" + what + "' is not a JSON object");
    }

    private static String string(Object value, String what) throws PlanFormatException {
        if (value instanceof String s) {
            return s;
        }
        throw new PlanFormatException("'" + what + "' is not a JSON string");
    }

    private static BigInteger number(Object value, String what) throws PlanFormatException {
        if (value instanceof BigInteger n) {
            return n;
        }
        throw new PlanFormatException("'" + what + "' is not an integer");
    }

    private static OptionalLong unsigned(Object value, String what) throws PlanFormatException {
        if (value == null) {
            return OptionalLong.empty();
        }
        BigInteger n = number(value, what);
        if (n.signum() < 0 || n.bitLength() > 64) {
            throw new PlanFormatException("'" + what + "' is not an unsigned 64-bit integer");
        }
        return OptionalLong.of(n.longValue());
    }
}
