package dev.confext.cli.extension;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.Hierarchies;
import dev.confext.mount.api.MergePlanner;
import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.plan.Operation;
import dev.confext.mount.plan.PlanJson;
import dev.confext.mount.api.StatusReport;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code plan} (ours): what {@code refresh} would do when something is merged, else what {@code merge} would
 * do, without changing anything and without privileges. Text for people; {@code --json=short|pretty} prints
 * the stable JSON form of the plan ({@code plan.schema.json}).
 */
final class PlanVerb implements Verb {
    private final ImageSource source;

    PlanVerb() {
        this(ImageSource.SCANNER);
    }

    PlanVerb(ImageSource source) {
        this.source = source;
    }

    @Override
    public int run(ExtensionOptions options, PrintStream out, PrintStream err) {
        try {
            Operation operation = anythingMerged(options) ? Operation.REFRESH : Operation.MERGE;
            PlanningContext context = PlanningContext.gather(options, operation, source, err);
            MergePlan plan = MergePlanner.of(context.request()).plan(context.candidates());
            switch (options.json()) {
                case SHORT -> out.print(PlanJson.write(plan, false));
                case PRETTY -> out.print(PlanJson.write(plan, true));
                default -> out.print(PlanText.render(plan));
            }
            return 0;
        } catch (ConfextException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static boolean anythingMerged(ExtensionOptions options) throws ConfextException {
        List<String> hierarchies = Hierarchies.fromEnvironment(options.kind(), options.environment());
        return StatusReport.read(options.kind(), options.root(), hierarchies).rows().stream()
                .anyMatch(r -> r.merged());
    }
}
