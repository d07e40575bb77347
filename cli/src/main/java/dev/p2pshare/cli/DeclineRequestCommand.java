package dev.p2pshare.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    private JoinRequestArguments request;

    @Override
    public Integer call() {
        p2p.sessionTracker().declineRequest(request.group(), request.user());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("group", request.group());
        result.put("username", request.user());
        result.put("declined", true);
        p2p.output().print(result, "Declined the request of " + request.user() + " to join " + request.group());
        return ExitCodes.OK;
    }
}
