package dev.p2pshare.cli;

import picocli.CommandLine.Parameters;

/** The {@code <group> <user>} arguments of accept_request and decline_request (a picocli mixin). */
final class JoinRequestArguments {
    @Parameters(index = "0", paramLabel = "<group>", description = "A group you own.")
    private String group;

    @Parameters(index = "1", paramLabel = "<user>", description = "The user who asked to join.")
    private String user;

    String group() {
        return group;
    }

    String user() {
        return user;
    }
}
