package org.circusmeta.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.circusmeta.api.OperationView;
import org.circusmeta.client.ApiCall;

/**
 * {@code apply FILE}: sends the file as it is, prints the plan (how many watchers to add, to change,
 * unchanged, to remove), then each watcher's result the moment it is known ({@link OperationProgress});
 * with {@code --dry-run} the plan's steps only. Exit status 0 when every watcher is as the file says
 * (or, for a dry run, when the plan was made), 1 else.
 *
 * <p>Stateless.
 */
final class ApplyView {
    private static final Set<String> PLANNED = Set.of("to-add", "to-change", "unchanged", "to-remove");
    private static final Set<String> CARRIED_OUT = Set.of("added", "changed", "unchanged", "removed", "failed");

    private ApplyView() {}

    static int apply(Session session) {
        String file = session.argument("FILE").orElseThrow();
        String text;
        try {
            text = Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new CommandFailedException("could not read the file " + file + " (" + e + "); give the path of a YAML"
                    + " file of cluster watchers");
        }
        boolean dryRun = session.flag(CliOption.DRY_RUN);
        return new OperationProgress(session, "WATCHER", dryRun ? PLANNED : CARRIED_OUT, ApplyView::plan)
                .run(ApiCall.apply(text, dryRun, session.flag(CliOption.PRUNE)), "apply");
    }

    /** {@code apply of 5 watchers; plan: 5 to add}, however far the steps went when it is printed. */
    private static String plan(OperationView operation) {
        Map<String, Long> counts = new TreeMap<>(operation.steps().stream()
                .collect(Collectors.groupingBy(s -> planned(s.result()), Collectors.counting())));
        List<String> said = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList();
        return "apply of " + operation.about() + "; plan: " + (said.isEmpty() ? "nothing to do" : String.join(", ", said));
    }

    private static String planned(String result) {
        return switch (result) {
            case "to-add", "adding", "added" -> "to add";
            case "to-change", "changing", "changed" -> "to change";
            case "to-remove", "removing", "removed" -> "to remove";
            default -> result;
        };
    }
}
