package dev.p2pshare.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Where a password comes from when it is not on the command line (where every local user sees it in
 * {@code ps}, and the shell keeps it in its history): typed on the terminal without echo, or the first
 * line of standard input ({@code --password-stdin}, as {@code docker login} has it).
 */
final class PasswordInput {
    /** Asks the person at the terminal; the answer is not echoed. Null at the end of input. */
    interface Prompt {
        char[] ask(String question);
    }

    private final Prompt terminal;
    private final InputStream stdin;

    /** @param terminal the terminal to ask on, or null when stdin and stdout are not one */
    PasswordInput(Prompt terminal, InputStream stdin) {
        this.terminal = terminal;
        this.stdin = stdin;
    }

    /** The real terminal, if this process has one on both stdin and stdout. */
    static PasswordInput system() {
        Console console = Terminal.console();
        Prompt prompt = console == null ? null : question -> console.readPassword("%s", question);
        return new PasswordInput(prompt, System.in);
    }

    /** The first line of standard input, without its line end. */
    String fromStdin() {
        String line;
        try {
            line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw CliFailure.refused("cannot read the password from standard input: " + HttpApi.describe(e));
        }
        if (line == null || line.isEmpty()) throw CliFailure.refused("--password-stdin: standard input held no password");
        return line;
    }

    /**
     * Asks for {@code user}'s password on the terminal; twice when {@code confirm} (a new password, where
     * a typo would lock its owner out). A one-line usage error when there is no terminal to ask on;
     * {@code command} (as "p2p login") names the command in it.
     */
    String ask(String user, boolean confirm, String command) {
        if (terminal == null) {
            throw new CliFailure(ExitCodes.USAGE, "no password given and no terminal to ask for it on; pipe it in with "
                    + "`" + command + " " + user + " --password-stdin`");
        }
        String password = read(confirm ? "New password for " + user + ": " : "Password for " + user + ": ");
        if (confirm && !password.equals(read("Repeat the password: "))) {
            throw CliFailure.refused("the two passwords differ; nothing was changed");
        }
        return password;
    }

    private String read(String question) {
        char[] answer = terminal.ask(question);
        if (answer == null || answer.length == 0) throw CliFailure.refused("no password typed");
        return new String(answer);
    }
}
