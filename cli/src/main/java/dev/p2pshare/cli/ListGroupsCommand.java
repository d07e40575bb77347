package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.GroupSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "list_groups", aliases = "list-groups", mixinStandardHelpOptions = true,
        description = "List every group: owner, kind, members, files and your standing in it.",
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p list_groups")
final class ListGroupsCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Override
    public Integer call() {
        List<GroupSummary> groups = p2p.sessionTracker().groups();
        p2p.output().print(groups, table(groups));
        return ExitCodes.OK;
    }

    static String table(List<GroupSummary> groups) {
        if (groups.isEmpty()) return "No groups yet; create one with `p2p create_group <group>`.";
        Table table = new Table("GROUP", "OWNER", "KIND", "MEMBERS", "FILES", "YOU");
        for (GroupSummary group : groups) {
            table.row(group.name(), group.owner(), group.isPrivate() ? "private" : "open", group.members(), group.files(),
                    group.membership() == null ? null : group.membership().name().toLowerCase(Locale.ROOT));
        }
        return table.render();
    }
}
