package dev.p2pshare.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "remove_member", aliases = "remove-member", mixinStandardHelpOptions = true,
        description = {"Remove a member from a group you own.",
                "They lose access at once: no new downloads from the group, and what they shared there is no longer offered."},
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p remove_member family bob")
final class RemoveMemberCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "A group you own.")
    private String group;

    @Parameters(index = "1", paramLabel = "<user>", description = "The member to remove.")
    private String user;

    @Override
    public Integer call() {
        p2p.sessionTracker().removeMember(group, user, null);
        p2p.output().print(Map.of("group", group, "username", user, "removed", true), "Removed " + user + " from " + group);
        return ExitCodes.OK;
    }
}
