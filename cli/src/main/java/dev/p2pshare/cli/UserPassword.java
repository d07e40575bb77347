package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.Credentials;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the password of create_user and login comes from (a picocli mixin): the {@code [<password>]} argument
 * each command declares after its {@code <user>} (login may leave both out with P2P_API_KEY), else stdin with
 * {@code --password-stdin}, else the terminal.
 */
final class UserPassword {
    static final String PASSWORD_HELP = "Password. Safer left out: then it is asked for on the terminal (not shown), "
            + "and never appears in `ps` or the shell's history.";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    private boolean passwordStdin;

    /** Whether a password was given at all (as an argument or through --password-stdin). */
    boolean passwordGiven(String password) {
        return password != null || passwordStdin;
    }

    /**
     * The user and the password from wherever it was given ({@code password}: the argument, or null); {@code confirm}
     * asks twice on a terminal.
     */
    Credentials credentials(String user, String password, PasswordInput input, boolean confirm) {
        if (password != null && passwordStdin) {
            throw new CliFailure(ExitCodes.USAGE, "give the password either as an argument or with --password-stdin, not both");
        }
        String secret = password != null ? password : passwordStdin ? input.fromStdin() : input.ask(user, confirm, command.qualifiedName());
        return new Credentials(user, secret);
    }
}
