package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.JoinResult;
import dev.p2pshare.shared.tracker.Membership;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "join_group", aliases = "join-group", mixinStandardHelpOptions = true,
        description = {"Join a group (a private one needs the owner's approval).",
                "An open group lets you in at once. For a private group this files a request that the owner "
                        + "sees with `p2p list_requests <group>` and accepts with `p2p accept_request <group> <user>`."},
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p join_group photos")
final class JoinGroupCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "Group to join.")
    private String group;

    @Override
    public Integer call() {
        JoinResult result = p2p.sessionTracker().join(group);
        String text = result.membership() == Membership.PENDING
                ? "Asked to join " + result.group() + "; the owner has to accept the request"
                : "Joined " + result.group();
        p2p.output().print(result, text);
        return ExitCodes.OK;
    }
}
