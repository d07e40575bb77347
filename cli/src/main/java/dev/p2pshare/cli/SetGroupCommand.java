package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.GroupSettings;
import dev.p2pshare.shared.tracker.GroupSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "set_group", aliases = "set-group", mixinStandardHelpOptions = true,
        description = {"Change a setting of a group you own.",
                "--member-ttl: how long a membership lasts from joining (an open group) or being accepted "
                        + "(unless accept_request names its own end); memberships granted before keep theirs."},
        footerHeading = P2pCommand.EXAMPLE, footer = {"  p2p set_group photos --member-ttl 30d",
        "  p2p set_group photos --member-ttl none"})
final class SetGroupCommand implements Callable<Integer> {
    private static final String FOREVER = "none";

    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "A group you own.")
    private String group;

    @Option(names = "--member-ttl", required = true, paramLabel = "<length>",
            description = "30d, 12h, 90m, 45s or 2w; `" + FOREVER + "` for memberships that do not end.")
    private String memberTtl;

    @Override
    public Integer call() {
        Duration ttl = FOREVER.equalsIgnoreCase(memberTtl.strip()) ? null : MembershipTerm.length(memberTtl);
        GroupSummary group = p2p.sessionTracker().configureGroup(this.group, new GroupSettings(ttl));
        p2p.output().print(group, group.memberTtl() == null
                ? "New memberships of " + group.name() + " do not end"
                : "New memberships of " + group.name() + " last " + MembershipTerm.format(group.memberTtl()));
        return ExitCodes.OK;
    }
}
