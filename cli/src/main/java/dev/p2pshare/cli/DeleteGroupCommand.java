package dev.p2pshare.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "delete_group", aliases = "delete-group", mixinStandardHelpOptions = true,
        description = {"Delete a group you own.",
                "Every member loses access at once; its files, join requests and memberships are gone, and the "
                        + "name is free again. The files stay on their owners' disks."},
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p delete_group photos")
final class DeleteGroupCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "A group you own.")
    private String group;

    @Override
    public Integer call() {
        p2p.sessionTracker().deleteGroup(group);
        p2p.output().print(Map.of("group", group, "deleted", true), "Deleted group " + group);
        return ExitCodes.OK;
    }
}
