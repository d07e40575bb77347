package dev.p2pshare.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs {@code p2p} in-process with a given folder and environment, capturing stdout, stderr and the exit code. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Path cwd, Map<String, String> env, String... args) {
        return run(cwd, env, new PasswordInput(null, InputStream.nullInputStream()), args);
    }

    /** As above, with {@code passwords} as the terminal and stdin that passwords left off the command line come from. */
    static CliRun run(Path cwd, Map<String, String> env, PasswordInput passwords, String... args) {
        return run(cwd, env, passwords, false, args);
    }

    /** As above; {@code terminal}: as if a person ran it at a terminal (progress bars, notes of what it waits for). */
    static CliRun run(Path cwd, Map<String, String> env, PasswordInput passwords, boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = P2pCommand.commandLine(new P2pCommand(env, cwd, terminal, passwords));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}
