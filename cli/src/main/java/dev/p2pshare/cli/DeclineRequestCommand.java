package dev.p2pshare.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "decline_request", aliases = "decline-request", mixinStandardHelpOptions = true,
        description = "Decline a user's request to join a group you own.",
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p decline_request family mallory")
final class DeclineRequestCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "A group you own.")
    private String group;

    @Parameters(index = "1", paramLabel = "<user>", description = "The user who asked to join.")
    private String user;

    @Override
    public Integer call() {
        p2p.sessionTracker().declineRequest(group, user);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("group", group);
        result.put("username", user);
        result.put("declined", true);
        p2p.output().print(result, "Declined the request of " + user + " to join " + group);
        return ExitCodes.OK;
    }
}
