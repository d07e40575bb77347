package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.GroupSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "list_groups", aliases = "list-groups", mixinStandardHelpOptions = true,
        description = "List every group: owner, kind, members, files, your standing in it and when your membership ends.",
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
                    standing(group));
        }
        return table.render();
    }

    /** {@code member}, or {@code member until <end>} when the caller's membership ends. */
    private static String standing(GroupSummary group) {
        if (group.membership() == null) return null;
        String standing = group.membership().name().toLowerCase(Locale.ROOT);
        return group.expiresAt() == null ? standing : standing + " until " + MembershipTerm.format(group.expiresAt());
    }
}
