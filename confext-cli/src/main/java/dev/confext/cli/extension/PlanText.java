package dev.confext.cli.extension;

import dev.confext.mount.plan.HierarchyPlan;
import dev.confext.mount.plan.ImageVerdict;
import dev.confext.mount.plan.Layer;
import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.plan.Overlay;
import dev.confext.mount.plan.Step;
import dev.confext.mount.plan.Upper;
import java.util.Locale;

/** A merge plan as text for people: decision, images, per hierarchy the layers top to bottom, steps. */
final class PlanText {
    private PlanText() {}

    static String render(MergePlan plan) {
        StringBuilder s = new StringBuilder();
        s.append("Plan: ").append(plan.operation().word()).append(" (").append(plan.kind().word())
                .append(", mutable mode ").append(plan.mutable().mode().word()).append(" from ")
                .append(plan.mutable().source().word()).append(")\n");
        s.append("Decision: ").append(word(plan.decision())).append(" - ").append(plan.reason()).append('\n');
        s.append("\nImages:\n");
        if (plan.images().isEmpty()) {
            s.append("  (none)\n");
        }
        for (ImageVerdict i : plan.images()) {
            s.append("  ").append(i.name()).append(" [").append(i.type()).append("] ").append(i.path().path())
                    .append(": ").append(i.status().word()).append(" - ").append(i.reason()).append('\n');
        }
        for (HierarchyPlan h : plan.hierarchies()) {
            s.append("\nHierarchy ").append(h.hierarchy());
            if (!h.resolved().path().equals(h.hierarchy())) {
                s.append(" (resolves to ").append(h.resolved().path()).append(')');
            }
            s.append(": ").append(word(h.decision())).append(" - ").append(h.reason()).append('\n');
            h.current().ifPresent(c -> s.append("  currently merged: ")
                    .append(c.extensions().isEmpty() ? "(no extensions)" : String.join(", ", c.extensions())).append('\n'));
            if (h.overlay().isEmpty()) {
                continue;
            }
            Overlay o = h.overlay().get();
            s.append("  flags: ").append(String.join(",", o.flags().words())).append('\n');
            s.append("  layers, top to bottom:\n");
            for (Layer l : o.layers()) {
                s.append("    ").append(l.label()).append("  ").append(l.path())
                        .append(l.conditional() ? "  (if the mounted image has it)" : "").append('\n');
            }
            if (o.upper().isPresent()) {
                Upper u = o.upper().get();
                s.append("  upper: ").append(u.kind().word()).append(' ').append(u.path())
                        .append(u.create() ? " (created" : " (").append(u.create() ? ", " : "")
                        .append("mode ").append(String.format("%04o", u.mode())).append(")\n");
                s.append("  workdir: ").append(u.workdir()).append('\n');
            }
            if (!o.extraOptions().isEmpty()) {
                s.append("  options: ").append(o.extraOptions()).append('\n');
            }
        }
        s.append("\nRefresh check: ").append(plan.skipCheck().status().word()).append(" - ")
                .append(plan.skipCheck().reason()).append('\n');
        if (!plan.messages().isEmpty()) {
            s.append("\nMessages:\n");
            plan.messages().forEach(m -> s.append("  ").append(m).append('\n'));
        }
        if (!plan.steps().isEmpty()) {
            s.append("\nSteps:\n");
            int n = 1;
            for (Step step : plan.steps()) {
                s.append(String.format("  %2d. %s", n++, step.kind().word()));
                if (!step.subject().isEmpty()) {
                    s.append(' ').append(step.subject());
                }
                s.append(": ").append(step.target()).append("\n        checks ").append(step.check())
                        .append("; skipped when ").append(step.skipIf()).append('\n');
            }
        }
        return s.toString();
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
