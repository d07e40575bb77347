package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.UserInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "create_user", aliases = "create-user", mixinStandardHelpOptions = true,
        description = {"Register a new user at the tracker.",
                "Names: 1-64 letters, digits, '.', '_' or '-'. Passwords: 6-128 characters."},
        footerHeading = P2pCommand.EXAMPLE, footer = {
                "  p2p create_user alice            (asks for the password twice)",
                "  p2p create_user alice --password-stdin < pw-file",
                "  p2p create_user alice s3cret-pw  (also works; the password shows in ps)"})
final class CreateUserCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<user>", description = "User name.")
    private String user;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<password>", description = UserPassword.PASSWORD_HELP)
    private String password;

    @Mixin
    private UserPassword account;

    @Override
    public Integer call() {
        UserInfo created = p2p.tracker(p2p.trackers(null)).register(account.credentials(user, password, p2p.passwords(), true));
        p2p.output().print(created, "Created user " + created.username() + "; now run `p2p login " + created.username() + "`");
        return ExitCodes.OK;
    }
}
