package dev.p2pshare.cli;

import dev.p2pshare.shared.control.SessionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "leave_group", aliases = "leave-group", mixinStandardHelpOptions = true,
        description = {"Leave a group you are a member of (or withdraw a pending join request).",
                "The owner leaves by naming the next owner (--transfer-to), or as its last member, which deletes the "
                        + "group; delete_group deletes it for everyone."},
        footerHeading = P2pCommand.EXAMPLE, footer = {"  p2p leave_group photos", "  p2p leave_group photos --transfer-to bob"})
final class LeaveGroupCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "Group to leave.")
    private String group;

    @Option(names = "--transfer-to", paramLabel = "<user>", description = "For the owner: the member who owns the group next.")
    private String transferTo;

    @Override
    public Integer call() {
        SessionInfo session = p2p.session(p2p.home());
        p2p.tracker(session).removeMember(group, session.username(), transferTo);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("group", group);
        result.put("username", session.username());
        result.put("left", true);
        if (transferTo != null) result.put("owner", transferTo);
        p2p.output().print(result, "Left " + group + (transferTo == null ? "" : "; " + transferTo + " owns it now"));
        return ExitCodes.OK;
    }
}
