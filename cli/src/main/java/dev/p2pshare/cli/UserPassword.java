package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.Credentials;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code <user> [<password>]} arguments of create_user and login (a picocli mixin). The password
 * may be left out, to be typed on the terminal, or read from stdin with {@code --password-stdin}.
 */
final class UserPassword {
    @Parameters(index = "0", paramLabel = "<user>", description = "User name.")
    private String user;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<password>",
            description = "Password. Safer left out: then it is asked for on the terminal (not shown), "
                    + "and never appears in `ps` or the shell's history.")
    private String password;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    private boolean passwordStdin;

    String user() {
        return user;
    }

    /** The user and the password from wherever it was given; {@code confirm} asks twice on a terminal. */
    Credentials credentials(PasswordInput input, boolean confirm) {
        if (password != null && passwordStdin) {
            throw new CliFailure(ExitCodes.USAGE, "give the password either as an argument or with --password-stdin, not both");
        }
        String secret = password != null ? password : passwordStdin ? input.fromStdin() : input.ask(user, confirm, command.qualifiedName());
        return new Credentials(user, secret);
    }
}
