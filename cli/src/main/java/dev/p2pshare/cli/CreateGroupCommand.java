package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.GroupSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "create_group", aliases = "create-group", mixinStandardHelpOptions = true,
        description = {"Create a group you own.",
                "An open group (the default) lets every logged-in user list and download its files, and join it at once. "
                        + "A private group (--private) shows its files only to members, and joining needs your approval."},
        footerHeading = P2pCommand.EXAMPLE, footer = {"  p2p create_group photos", "  p2p create_group family --private"})
final class CreateGroupCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "Group name: 1-64 letters, digits, '.', '_', '-'.")
    private String group;

    @Option(names = "--private", description = "Only members see the files; join requests need the owner's approval.")
    private boolean privateGroup;

    @Override
    public Integer call() {
        GroupSummary created = p2p.sessionTracker().createGroup(new CreateGroup(group, privateGroup));
        p2p.output().print(created, "Created " + (created.isPrivate() ? "private" : "open") + " group " + created.name());
        return ExitCodes.OK;
    }
}
