package dev.confext.mount.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.MutableMode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The stable JSON form of a {@link MergePlan} ({@code plan.schema.json}): a {@code schemaVersion}, paths as
 * {@code {"base": "root"|"staging", "path": "/..."}}, modes as four-digit octal strings, hashes and file
 * handles as lowercase hex, enum values as lowercase words. {@link #read} accepts exactly what
 * {@link #write} produces (unknown fields are ignored, so later minor additions stay readable).
 */
public final class PlanJson {
    private PlanJson() {}

    /**
     * The plan as JSON.
     *
     * @param pretty indented (tabs, as systemd's tools) or one line; both end with a newline
     */
    public static String write(MergePlan plan, boolean pretty) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JsonTree.FACTORY.createGenerator(text)) {
            if (pretty) {
                g.setPrettyPrinter(SystemdJson.prettyPrinter());
            }
            writePlan(g, plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }

    private static void writePlan(JsonGenerator g, MergePlan p) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schemaVersion", p.schemaVersion());
        g.writeStringField("kind", p.kind().word());
        g.writeStringField("operation", p.operation().word());
        g.writeStringField("decision", word(p.decision()));
        g.writeStringField("reason", p.reason());
        g.writeObjectFieldStart("mutable");
        g.writeStringField("mode", p.mutable().mode().word());
        g.writeStringField("source", p.mutable().source().word());
        g.writeEndObject();
        PlanOptions o = p.options();
        g.writeObjectFieldStart("options");
        g.writeArrayFieldStart("hierarchies");
        for (String h : o.hierarchies()) {
            g.writeString(h);
        }
        g.writeEndArray();
        g.writeBooleanField("force", o.force());
        g.writeFieldName("noexec");
        if (o.noexec().isPresent()) {
            g.writeBoolean(o.noexec().get());
        } else {
            g.writeNull();
        }
        g.writeBooleanField("alwaysRefresh", o.alwaysRefresh());
        optionalString(g, "imagePolicy", o.imagePolicy());
        optionalString(g, "overlayOptions", o.overlayOptions());
        g.writeEndObject();
        g.writeArrayFieldStart("images");
        for (ImageVerdict i : p.images()) {
            g.writeStartObject();
            g.writeStringField("name", i.name());
            g.writeStringField("type", i.type());
            path(g, "path", i.path());
            g.writeStringField("fileName", i.fileName());
            g.writeStringField("status", i.status().word());
            g.writeStringField("reason", i.reason());
            g.writeFieldName("identity");
            if (i.identity().isPresent()) {
                originEntry(g, i.identity().get());
            } else {
                g.writeNull();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("hierarchies");
        for (HierarchyPlan h : p.hierarchies()) {
            hierarchy(g, h);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("skipCheck");
        g.writeStringField("status", p.skipCheck().status().word());
        g.writeStringField("reason", p.skipCheck().reason());
        g.writeEndObject();
        g.writeFieldName("origin");
        if (p.origin().isPresent()) {
            origin(g, p.origin().get());
        } else {
            g.writeNull();
        }
        g.writeArrayFieldStart("messages");
        for (String m : p.messages()) {
            g.writeString(m);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("steps");
        for (Step s : p.steps()) {
            g.writeStartObject();
            g.writeStringField("kind", s.kind().word());
            g.writeStringField("subject", s.subject());
            path(g, "target", s.target());
            g.writeStringField("check", s.check());
            g.writeStringField("skipIf", s.skipIf());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void hierarchy(JsonGenerator g, HierarchyPlan h) throws IOException {
        g.writeStartObject();
        g.writeStringField("hierarchy", h.hierarchy());
        path(g, "resolved", h.resolved());
        g.writeBooleanField("exists", h.exists());
        g.writeFieldName("current");
        if (h.current().isPresent()) {
            CurrentMerge c = h.current().get();
            g.writeStartObject();
            g.writeArrayFieldStart("extensions");
            for (String e : c.extensions()) {
                g.writeString(e);
            }
            g.writeEndArray();
            optionalString(g, "origin", c.origin());
            g.writeFieldName("workDir");
            if (c.workDir().isPresent()) {
                pathValue(g, c.workDir().get());
            } else {
                g.writeNull();
            }
            g.writeNumberField("stacked", c.stacked());
            g.writeEndObject();
        } else {
            g.writeNull();
        }
        g.writeStringField("decision", word(h.decision()));
        g.writeStringField("reason", h.reason());
        g.writeFieldName("overlay");
        if (h.overlay().isPresent()) {
            overlay(g, h.overlay().get());
        } else {
            g.writeNull();
        }
        g.writeEndObject();
    }

    private static void overlay(JsonGenerator g, Overlay o) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("layers");
        for (Layer l : o.layers()) {
            g.writeStartObject();
            g.writeStringField("kind", l.kind().word());
            path(g, "path", l.path());
            optionalString(g, "extension", l.extension());
            g.writeBooleanField("conditional", l.conditional());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("upper");
        if (o.upper().isPresent()) {
            Upper u = o.upper().get();
            g.writeStartObject();
            g.writeStringField("kind", u.kind().word());
            path(g, "path", u.path());
            path(g, "workdir", u.workdir());
            g.writeBooleanField("create", u.create());
            g.writeStringField("mode", octal(u.mode()));
            g.writeEndObject();
        } else {
            g.writeNull();
        }
        MountFlags f = o.flags();
        g.writeObjectFieldStart("flags");
        g.writeBooleanField("readOnly", f.readOnly());
        g.writeBooleanField("nodev", f.nodev());
        g.writeBooleanField("nosuid", f.nosuid());
        g.writeBooleanField("noexec", f.noexec());
        g.writeBooleanField("noatime", f.noatime());
        g.writeEndObject();
        g.writeStringField("extraOptions", o.extraOptions());
        g.writeStringField("metaMode", octal(o.metaMode()));
        MetadataFiles m = o.metadata();
        g.writeObjectFieldStart("metadata");
        g.writeStringField("listFileName", m.listFileName());
        g.writeStringField("listFile", m.listFile());
        g.writeStringField("origin", m.origin());
        optionalString(g, "workDir", m.workDir());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void origin(JsonGenerator g, Origin o) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("mutable");
        g.writeStringField("mode", o.mode().word());
        if (!o.mutableDirs().isEmpty()) {
            g.writeObjectFieldStart("mutableDirs");
            for (Map.Entry<String, String> e : o.mutableDirs().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        if (o.mountOptions().isPresent()) {
            g.writeStringField("mountOptions", o.mountOptions().get());
        }
        g.writeObjectFieldStart("extensions");
        for (Map.Entry<String, OriginEntry> e : o.extensions().entrySet()) {
            g.writeFieldName(e.getKey());
            originEntry(g, e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void originEntry(JsonGenerator g, OriginEntry e) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", e.path());
        optionalString(g, "verityHash", e.verityHash());
        unsigned(g, "onMountId", e.onMountId());
        g.writeFieldName("fileHandle");
        if (e.fileHandle().isPresent()) {
            g.writeStartObject();
            g.writeNumberField("type", e.fileHandle().get().type());
            g.writeStringField("handle", e.fileHandle().get().handle());
            g.writeEndObject();
        } else {
            g.writeNull();
        }
        unsigned(g, "inode", e.inode());
        unsigned(g, "crtime", e.crtimeUsec());
        unsigned(g, "mtime", e.mtimeUsec());
        g.writeEndObject();
    }

    private static void unsigned(JsonGenerator g, String name, OptionalLong v) throws IOException {
        g.writeFieldName(name);
        if (v.isEmpty()) {
            g.writeNull();
        } else if (v.getAsLong() >= 0) {
            g.writeNumber(v.getAsLong());
        } else {
            g.writeNumber(new BigInteger(Long.toUnsignedString(v.getAsLong())));
        }
    }

    private static void optionalString(JsonGenerator g, String name, Optional<String> v) throws IOException {
        g.writeFieldName(name);
        if (v.isPresent()) {
            g.writeString(v.get());
        } else {
            g.writeNull();
        }
    }

    private static void path(JsonGenerator g, String name, PlanPath p) throws IOException {
        g.writeFieldName(name);
        pathValue(g, p);
    }

    private static void pathValue(JsonGenerator g, PlanPath p) throws IOException {
        g.writeStartObject();
        g.writeStringField("base", p.base().word());
        g.writeStringField("path", p.path());
        g.writeEndObject();
    }

    static String word(Decision d) {
        return d.name().toLowerCase(Locale.ROOT);
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a plan written by {@link #write}.
     *
     * @throws PlanFormatException when the text is not JSON, misses a field, has a value of the wrong type
     *                             or a schema version this library does not know
     */
    public static MergePlan read(String text) throws PlanFormatException {
        Node root = new Node(JsonTree.parse(text), "plan");
        try {
            int version = root.get("schemaVersion").integer();
            if (version != MergePlan.SCHEMA_VERSION) {
                throw new PlanFormatException("plan schema version " + version + " is not supported (this library reads "
                        + MergePlan.SCHEMA_VERSION + ")");
            }
            ExtensionKind kind = switch (root.get("kind").string()) {
                case "sysext" -> ExtensionKind.SYSEXT;
                case "confext" -> ExtensionKind.CONFEXT;
                default -> throw new PlanFormatException("plan.kind must be 'sysext' or 'confext'");
            };
            Operation operation = Operation.ofWord(root.get("operation").string());
            Decision decision = decision(root.get("decision"));
            String reason = root.get("reason").string();
            Node mutable = root.get("mutable");
            MutableChoice choice = new MutableChoice(mode(mutable.get("mode")),
                    MutableChoice.Source.ofWord(mutable.get("source").string()));
            Node o = root.get("options");
            PlanOptions options = new PlanOptions(o.get("hierarchies").strings(), o.get("force").bool(),
                    o.get("noexec").isNull() ? Optional.empty() : Optional.of(o.get("noexec").bool()),
                    o.get("alwaysRefresh").bool(), o.get("imagePolicy").optionalString(),
                    o.get("overlayOptions").optionalString());
            List<ImageVerdict> images = new ArrayList<>();
            for (Node i : root.get("images").elements()) {
                images.add(new ImageVerdict(i.get("name").string(), i.get("type").string(), planPath(i.get("path")),
                        i.get("fileName").string(), ImageVerdict.Status.ofWord(i.get("status").string()),
                        i.get("reason").string(),
                        i.get("identity").isNull() ? Optional.empty() : Optional.of(originEntry(i.get("identity")))));
            }
            List<HierarchyPlan> hierarchies = new ArrayList<>();
            for (Node h : root.get("hierarchies").elements()) {
                hierarchies.add(hierarchy(h));
            }
            Node skip = root.get("skipCheck");
            SkipCheck skipCheck = new SkipCheck(SkipCheck.Status.ofWord(skip.get("status").string()),
                    skip.get("reason").string());
            Optional<Origin> origin = root.get("origin").isNull() ? Optional.empty() : Optional.of(origin(root.get("origin")));
            List<Step> steps = new ArrayList<>();
            for (Node s : root.get("steps").elements()) {
                steps.add(new Step(Step.Kind.ofWord(s.get("kind").string()), s.get("subject").string(),
                        planPath(s.get("target")), s.get("check").string(), s.get("skipIf").string()));
            }
            return new MergePlan(version, kind, operation, decision, reason, choice, options, images, hierarchies,
                    skipCheck, origin, root.get("messages").strings(), steps);
        } catch (IllegalArgumentException e) {
            throw new PlanFormatException("invalid plan: " + e.getMessage(), e);
        }
    }

    private static HierarchyPlan hierarchy(Node h) throws PlanFormatException {
        Optional<CurrentMerge> current = Optional.empty();
        if (!h.get("current").isNull()) {
            Node c = h.get("current");
            current = Optional.of(new CurrentMerge(c.get("extensions").strings(), c.get("origin").optionalString(),
                    c.get("workDir").isNull() ? Optional.empty() : Optional.of(planPath(c.get("workDir"))),
                    c.get("stacked").integer()));
        }
        Optional<Overlay> overlay = h.get("overlay").isNull() ? Optional.empty() : Optional.of(overlay(h.get("overlay")));
        return new HierarchyPlan(h.get("hierarchy").string(), planPath(h.get("resolved")), h.get("exists").bool(),
                current, decision(h.get("decision")), h.get("reason").string(), overlay);
    }

    private static Overlay overlay(Node o) throws PlanFormatException {
        List<Layer> layers = new ArrayList<>();
        for (Node l : o.get("layers").elements()) {
            layers.add(new Layer(Layer.Kind.ofWord(l.get("kind").string()), planPath(l.get("path")),
                    l.get("extension").optionalString(), l.get("conditional").bool()));
        }
        Optional<Upper> upper = Optional.empty();
        if (!o.get("upper").isNull()) {
            Node u = o.get("upper");
            upper = Optional.of(new Upper(Upper.Kind.ofWord(u.get("kind").string()), planPath(u.get("path")),
                    planPath(u.get("workdir")), u.get("create").bool(), u.get("mode").mode()));
        }
        Node f = o.get("flags");
        MountFlags flags = new MountFlags(f.get("readOnly").bool(), f.get("nodev").bool(), f.get("nosuid").bool(),
                f.get("noexec").bool(), f.get("noatime").bool());
        Node m = o.get("metadata");
        MetadataFiles metadata = new MetadataFiles(m.get("listFileName").string(), m.get("listFile").string(),
                m.get("origin").string(), m.get("workDir").optionalString());
        return new Overlay(layers, upper, flags, o.get("extraOptions").string(), o.get("metaMode").mode(), metadata);
    }

    private static Origin origin(Node o) throws PlanFormatException {
        Node mutable = o.get("mutable");
        Map<String, String> dirs = new LinkedHashMap<>();
        Node dirsNode = mutable.getOptional("mutableDirs");
        if (!dirsNode.isNull()) {
            for (Map.Entry<String, Node> e : dirsNode.fields().entrySet()) {
                dirs.put(e.getKey(), e.getValue().string());
            }
        }
        Map<String, OriginEntry> extensions = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : o.get("extensions").fields().entrySet()) {
            extensions.put(e.getKey(), originEntry(e.getValue()));
        }
        return new Origin(mode(mutable.get("mode")), dirs, o.getOptional("mountOptions").optionalString(), extensions);
    }

    private static OriginEntry originEntry(Node e) throws PlanFormatException {
        Optional<FileHandle> handle = Optional.empty();
        if (!e.get("fileHandle").isNull()) {
            Node h = e.get("fileHandle");
            handle = Optional.of(new FileHandle(h.get("type").integer(), h.get("handle").string()));
        }
        return new OriginEntry(e.get("path").string(), e.get("verityHash").optionalString(),
                e.get("onMountId").unsigned(), handle, e.get("inode").unsigned(), e.get("crtime").unsigned(),
                e.get("mtime").unsigned());
    }

    private static PlanPath planPath(Node p) throws PlanFormatException {
        return new PlanPath(PlanPath.Base.ofWord(p.get("base").string()), p.get("path").string());
    }

    private static Decision decision(Node n) throws PlanFormatException {
        String w = n.string();
        for (Decision d : Decision.values()) {
            if (word(d).equals(w)) {
                return d;
            }
        }
        throw new PlanFormatException("unknown decision '" + w + "'");
    }

    private static MutableMode mode(Node n) throws PlanFormatException {
        String w = n.string();
        for (MutableMode m : MutableMode.values()) {
            if (m.word().equals(w)) {
                return m;
            }
        }
        throw new PlanFormatException("unknown mutable mode '" + w + "'");
    }

    /** A value of the parsed tree with the path that led to it, for error messages. */
    private record Node(Object value, String where) {
        Node get(String field) throws PlanFormatException {
            Map<?, ?> map = object();
            if (!map.containsKey(field)) {
                throw new PlanFormatException(where + "." + field + " is missing");
            }
            return new Node(map.get(field), where + "." + field);
        }

        Node getOptional(String field) throws PlanFormatException {
            return new Node(object().get(field), where + "." + field);
        }

        Map<?, ?> object() throws PlanFormatException {
            if (value instanceof Map<?, ?> m) {
                return m;
            }
            throw new PlanFormatException(where + " must be an object");
        }

        Map<String, Node> fields() throws PlanFormatException {
            Map<String, Node> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : object().entrySet()) {
                out.put((String) e.getKey(), new Node(e.getValue(), where + "." + e.getKey()));
            }
            return out;
        }

        List<Node> elements() throws PlanFormatException {
            if (value instanceof List<?> list) {
                List<Node> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(new Node(list.get(i), where + "[" + i + "]"));
                }
                return out;
            }
            throw new PlanFormatException(where + " must be an array");
        }

        List<String> strings() throws PlanFormatException {
            List<String> out = new ArrayList<>();
            for (Node n : elements()) {
                out.add(n.string());
            }
            return out;
        }

        boolean isNull() {
            return value == null;
        }

        String string() throws PlanFormatException {
            if (value instanceof String s) {
                return s;
            }
            throw new PlanFormatException(where + " must be a string");
        }

        Optional<String> optionalString() throws PlanFormatException {
            return value == null ? Optional.empty() : Optional.of(string());
        }

        boolean bool() throws PlanFormatException {
            if (value instanceof Boolean b) {
                return b;
            }
            throw new PlanFormatException(where + " must be true or false");
        }

        int integer() throws PlanFormatException {
            if (value instanceof BigInteger n && n.bitLength() < 32) {
                return n.intValue();
            }
            throw new PlanFormatException(where + " must be a 32-bit integer");
        }

        OptionalLong unsigned() throws PlanFormatException {
            if (value == null) {
                return OptionalLong.empty();
            }
            if (value instanceof BigInteger n && n.signum() >= 0 && n.bitLength() <= 64) {
                return OptionalLong.of(n.longValue());
            }
            throw new PlanFormatException(where + " must be an unsigned 64-bit integer or null");
        }

        int mode() throws PlanFormatException {
            String s = string();
            if (!s.matches("[0-7]{4}")) {
                throw new PlanFormatException(where + " must be a four-digit octal mode like \"0755\"");
            }
            return Integer.parseInt(s, 8);
        }
    }
}
