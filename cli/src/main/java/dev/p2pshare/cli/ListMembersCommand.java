package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.MemberInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "list_members", aliases = "list-members", mixinStandardHelpOptions = true,
        description = {"List the members of a group: name, role, since when, and when their membership ends.",
                "Anyone may list an open group's members; a private group's, only its members."},
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p list_members photos")
final class ListMembersCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "The group.")
    private String group;

    @Override
    public Integer call() {
        List<MemberInfo> members = p2p.sessionTracker().members(group);
        p2p.output().print(members, table(members));
        return ExitCodes.OK;
    }

    static String table(List<MemberInfo> members) {
        Table table = new Table("USER", "ROLE", "SINCE", "EXPIRES");
        for (MemberInfo member : members) {
            table.row(member.username(), member.role().name().toLowerCase(Locale.ROOT), MembershipTerm.format(member.since()),
                    member.expiresAt() == null ? "never" : MembershipTerm.format(member.expiresAt()));
        }
        return table.render();
    }
}
