package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.Credentials;
import picocli.CommandLine.Parameters;

/** The {@code <user> <password>} arguments of create_user and login (a picocli mixin). */
final class UserPassword {
    @Parameters(index = "0", paramLabel = "<user>", description = "User name.")
    private String user;

    @Parameters(index = "1", paramLabel = "<password>", description = "Password.")
    private String password;

    String user() {
        return user;
    }

    Credentials credentials() {
        return new Credentials(user, password);
    }
}
