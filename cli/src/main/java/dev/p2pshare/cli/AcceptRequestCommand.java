package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.JoinResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "accept_request", aliases = "accept-request", mixinStandardHelpOptions = true,
        description = "Accept a user's request to join a group you own.",
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p accept_request family bob")
final class AcceptRequestCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Mixin
    private JoinRequestArguments request;

    @Override
    public Integer call() {
        JoinResult result = p2p.sessionTracker().accept(request.group(), request.user());
        p2p.output().print(result, result.username() + " is now a member of " + result.group());
        return ExitCodes.OK;
    }
}
