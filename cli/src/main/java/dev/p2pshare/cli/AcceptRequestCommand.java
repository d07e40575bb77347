package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.JoinResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "accept_request", aliases = "accept-request", mixinStandardHelpOptions = true,
        description = {"Accept a user's request to join a group you own.",
                "The membership lasts for good, or as the group's --member-ttl says (set_group), or as --for or --until "
                        + "say; given for a member, these set when that membership ends."},
        footerHeading = P2pCommand.EXAMPLE, footer = {"  p2p accept_request family bob",
        "  p2p accept_request family bob --for 30d", "  p2p accept_request family bob --until 2026-12-31"})
final class AcceptRequestCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Mixin
    private JoinRequestArguments request;

    @ArgGroup(exclusive = true)
    private End end;

    /** When the membership ends: one of the two. */
    static final class End {
        @Option(names = "--for", paramLabel = "<length>", converter = MembershipTerm.LengthConverter.class,
                description = "How long the membership lasts: 30d, 12h, 90m, 45s or 2w.")
        private Duration length;

        @Option(names = "--until", paramLabel = "<date>", converter = MembershipTerm.EndConverter.class,
                description = "When it ends: 2026-12-31 (the end of that day, UTC) or 2026-12-31T18:00:00Z.")
        private Instant until;

        Instant instant(Clock clock) {
            return until != null ? until : clock.instant().plus(length);
        }
    }

    @Override
    public Integer call() {
        Instant expiresAt = end == null ? null : end.instant(Clock.systemUTC());
        JoinResult result = p2p.sessionTracker().accept(request.group(), request.user(), expiresAt);
        p2p.output().print(result, result.username() + " is now a member of " + result.group()
                + (expiresAt == null ? "" : " until " + MembershipTerm.format(expiresAt)));
        return ExitCodes.OK;
    }
}
