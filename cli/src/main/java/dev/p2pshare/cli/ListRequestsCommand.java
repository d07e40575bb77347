package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.JoinRequestInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list_requests", aliases = "list-requests", mixinStandardHelpOptions = true,
        description = "List the pending join requests of a group you own.",
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p list_requests family")
final class ListRequestsCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "A group you own.")
    private String group;

    @Override
    public Integer call() {
        List<JoinRequestInfo> requests = p2p.sessionTracker().joinRequests(group);
        p2p.output().print(requests, table(group, requests));
        return ExitCodes.OK;
    }

    static String table(String group, List<JoinRequestInfo> requests) {
        if (requests.isEmpty()) return "No pending requests for " + group + ".";
        Table table = new Table("USER", "REQUESTED");
        for (JoinRequestInfo request : requests) table.row(request.username(), request.requestedAt());
        return table.render();
    }
}
