package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.ActivityKind;
import dev.p2pshare.shared.tracker.ActivityLine;
import dev.p2pshare.shared.tracker.ActivityPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import static dev.p2pshare.cli.ApiClient.segment;

@Command(name = "activity", mixinStandardHelpOptions = true,
        description = {"Show a group's activity record, newest first: the download grants the tracker signed "
                + "(grant, or renewal while the user's previous grant was valid) and the chunks agents served (served).",
                "The owner sees every line; anyone else only the lines about themselves. Served lines are what the "
                        + "named user's agent reported, unchecked."},
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p activity photos --since 7d --user bob")
final class ActivityCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "The group whose record to show.")
    private String group;

    @Option(names = "--file", paramLabel = "<fileName>", description = "Only lines about this file (name or SHA-256).")
    private String file;

    @Option(names = "--user", paramLabel = "<user>",
            description = "Only lines where this user downloaded or reported (others than yourself: owner only).")
    private String user;

    @Option(names = "--since", paramLabel = "<age>", description = "Only lines this recent: 7d, 12h, 30m, or an instant.")
    private String since;

    @Option(names = "--page", paramLabel = "<n>", defaultValue = "0", description = "Page, from 0 (default: ${DEFAULT-VALUE}).")
    private int page;

    @Option(names = "--size", paramLabel = "<n>", defaultValue = "50", description = "Lines a page, up to 500 (default: ${DEFAULT-VALUE}).")
    private int size;

    @Override
    public Integer call() {
        ActivityPage activity = p2p.sessionTracker().activity(path(group, file, user, since, page, size));
        p2p.output().print(activity, text(group, activity));
        return ExitCodes.OK;
    }

    /** The request path with the filters given, each query value percent-encoded. */
    static String path(String group, String file, String user, String since, int page, int size) {
        List<String> query = new ArrayList<>();
        if (file != null) query.add("file=" + segment(file));
        if (user != null) query.add("user=" + segment(user));
        if (since != null) query.add("since=" + segment(since));
        query.add("page=" + page);
        query.add("size=" + size);
        return "/api/groups/" + segment(group) + "/activity?" + String.join("&", query);
    }

    static String text(String group, ActivityPage activity) {
        if (activity.lines().isEmpty()) return "No activity in " + group + (activity.page() > 0 ? " on this page." : ".");
        Table table = new Table("TIME", "KIND", "USER", "FILE", "DETAIL");
        for (ActivityLine line : activity.lines()) {
            table.row(line.time().truncatedTo(ChronoUnit.SECONDS), line.kind().name().toLowerCase(Locale.ROOT),
                    line.user(), line.file() != null ? line.file() : line.sha256(), detail(line));
        }
        String text = table.render();
        return activity.more() ? text + "\nMore with --page " + (activity.page() + 1) : text;
    }

    private static String detail(ActivityLine line) {
        if (line.kind() != ActivityKind.SERVED) return line.address();
        return line.chunks() + (line.chunks() == 1 ? " chunk, " : " chunks, ") + ByteSize.of(line.bytes())
                + ", reported by " + line.reportedBy();
    }
}
