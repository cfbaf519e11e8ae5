package dev.confext.mount.plan;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.MutableMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid plan values (every constraint of the records respected). */
final class PlanArbitraries {
    private PlanArbitraries() {}

    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u0001', '\u001f')
                .withCharRange('\u00a0', '\u024f').withCharRange('\u4e00', '\u4e20').ofMaxLength(12);
    }

    static Arbitrary<PlanPath> paths() {
        return Combinators.combine(Arbitraries.of(PlanPath.Base.values()), text()).as((b, s) -> new PlanPath(b, "/" + s));
    }

    static Arbitrary<Long> unsigned() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1000), Arbitraries.longs());
    }

    static Arbitrary<OriginEntry> originEntries() {
        Arbitrary<OriginEntry> verity = Combinators.combine(text(), Arbitraries.strings().withChars("0123456789abcdef")
                .ofMinLength(32).ofMaxLength(64)).as(OriginEntry::ofVerity);
        Arbitrary<Optional<FileHandle>> handles = Combinators.combine(Arbitraries.integers(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16))
                .as((t, b) -> new FileHandle(t, java.util.HexFormat.of().formatHex(b))).optional();
        Arbitrary<OriginEntry> inode = Combinators.combine(text(), unsigned(), handles, unsigned(), unsigned(), unsigned())
                .as(OriginEntry::ofInode);
        Arbitrary<OriginEntry> partial = Combinators.combine(text(), unsigned().optional(), unsigned().optional())
                .as((p, a, b) -> new OriginEntry(p, Optional.empty(), a.map(OptionalLong::of).orElse(OptionalLong.empty()),
                        Optional.empty(), OptionalLong.empty(), b.map(OptionalLong::of).orElse(OptionalLong.empty()),
                        OptionalLong.empty()));
        return Arbitraries.oneOf(verity, inode, partial);
    }

    static Arbitrary<Origin> origins() {
        Arbitrary<Map<String, String>> dirs = Arbitraries.maps(text(), text()).ofMaxSize(3).map(LinkedHashMap::new);
        Arbitrary<Map<String, OriginEntry>> exts = Arbitraries.maps(text(), originEntries()).ofMaxSize(3).map(LinkedHashMap::new);
        return Combinators.combine(Arbitraries.of(MutableMode.values()), dirs, text().optional(), exts).as(Origin::new);
    }

    static Arbitrary<Overlay> overlays() {
        Arbitrary<Layer> lower = Combinators.combine(Arbitraries.of(Layer.Kind.IMPORTED, Layer.Kind.EXTENSION, Layer.Kind.HOST),
                paths(), text(), Arbitraries.of(true, false))
                .as((k, p, n, c) -> new Layer(k, p, k == Layer.Kind.EXTENSION ? Optional.of(n) : Optional.empty(), c));
        Arbitrary<List<Layer>> layers = Combinators.combine(paths(), lower.list().ofMaxSize(4)).as((m, rest) -> {
            List<Layer> all = new ArrayList<>();
            all.add(Layer.meta(m));
            all.addAll(rest);
            return all;
        });
        Arbitrary<Optional<Upper>> upper = Combinators.combine(Arbitraries.of(Upper.Kind.values()), paths(), paths(),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 07777)).as(Upper::new).optional();
        Arbitrary<MetadataFiles> metadata = Combinators.combine(Arbitraries.of("extensions", "confexts"), text(), text(), text().optional())
                .as(MetadataFiles::new);
        return Combinators.combine(layers, upper, Arbitraries.of(true, false).list().ofSize(4), text(),
                Arbitraries.integers().between(0, 07777), metadata)
                .as((l, u, f, extra, mode, m) -> new Overlay(l, u,
                        new MountFlags(u.isEmpty(), f.get(0), f.get(1), f.get(2), f.get(3)), extra, mode, m));
    }

    static Arbitrary<HierarchyPlan> hierarchies() {
        Arbitrary<Optional<CurrentMerge>> current = Combinators.combine(text().list().ofMaxSize(3), text().optional(),
                paths().optional(), Arbitraries.integers().between(1, 3)).as(CurrentMerge::new).optional();
        return Combinators.combine(text(), paths(), Arbitraries.of(true, false), current,
                Arbitraries.of(Decision.values()), text(), overlays())
                .as((h, p, e, c, d, r, o) -> new HierarchyPlan("/" + h, p, e, c, d, r,
                        d == Decision.MERGE || d == Decision.REFRESH ? Optional.of(o) : Optional.empty()));
    }

    static Arbitrary<ImageVerdict> images() {
        return Combinators.combine(text(), Arbitraries.of("directory", "raw", "block", "subvolume"), paths(), text(),
                Arbitraries.of(ImageVerdict.Status.values()), text(), originEntries().optional())
                .as(ImageVerdict::new);
    }

    static Arbitrary<Step> steps() {
        return Combinators.combine(Arbitraries.of(Step.Kind.values()), text(), paths(), text(), text()).as(Step::new);
    }

    static Arbitrary<MergePlan> plans() {
        Arbitrary<MutableChoice> mutable = Combinators.combine(Arbitraries.of(MutableMode.values()),
                Arbitraries.of(MutableChoice.Source.values())).as(MutableChoice::new);
        Arbitrary<PlanOptions> options = Combinators.combine(text().list().ofMaxSize(3), Arbitraries.of(true, false),
                Arbitraries.of(true, false).optional(), Arbitraries.of(true, false), text().optional(), text().optional())
                .as(PlanOptions::new);
        Arbitrary<SkipCheck> skip = Combinators.combine(Arbitraries.of(SkipCheck.Status.values()), text()).as(SkipCheck::new);
        Arbitrary<List<Object>> head = Combinators.combine(Arbitraries.of(ExtensionKind.values()),
                Arbitraries.of(Operation.values()), Arbitraries.of(Decision.values()), text(), mutable, options)
                .as((k, o, d, r, m, opt) -> List.<Object>of(k, o, d, r, m, opt));
        return Combinators.combine(head, images().list().ofMaxSize(3), hierarchies().list().ofMaxSize(3), skip,
                origins().optional(), text().list().ofMaxSize(3), steps().list().ofMaxSize(4))
                .as((h, i, hs, s, or, msg, st) -> new MergePlan(MergePlan.SCHEMA_VERSION, (ExtensionKind) h.get(0),
                        (Operation) h.get(1), (Decision) h.get(2), (String) h.get(3), (MutableChoice) h.get(4),
                        (PlanOptions) h.get(5), i, hs, s, or, msg, st));
    }
}
