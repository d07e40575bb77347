package dev.p2pshare.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.List;

/** Turns every failure into exactly one line on stderr and an exit code; never a stack trace. */
final class ErrorReporter {
    private ErrorReporter() {
    }

    /** A command failed while running: a {@link CliFailure}'s line, or a short description of anything else. */
    static int executionFailed(Exception error, CommandLine commandLine, ParseResult parseResult) {
        String message = error instanceof CliFailure ? error.getMessage() : "unexpected error: " + oneLine(error);
        commandLine.getErr().println("p2p: " + message);
        commandLine.getErr().flush();
        return commandLine.getExitCodeExceptionMapper().getExitCode(error);
    }

    /** The command line is wrong: the reason, suggestions for a mistyped command, and where help is. */
    static int usageError(ParameterException error, String[] args) {
        CommandLine commandLine = error.getCommandLine();
        commandLine.getErr().println("p2p: " + usageMessage(error));
        commandLine.getErr().flush();
        return ExitCodes.USAGE;
    }

    static String usageMessage(ParameterException error) {
        CommandLine commandLine = error.getCommandLine();
        String message = error.getMessage();
        if (error instanceof UnmatchedArgumentException unmatched) {
            List<String> args = unmatched.getUnmatched();
            boolean unknownCommand = commandLine.getParent() == null && !args.isEmpty()
                    && !args.get(0).startsWith("-") && !commandLine.getSubcommands().isEmpty();
            if (unknownCommand) {
                message = "unknown command '" + args.get(0) + "'";
            } else if (unmatched.isUnknownOption()) {
                message = "unknown option '" + args.get(0) + "'";
            } else if (!args.isEmpty()) {
                message = "unexpected argument '" + args.get(0) + "'";
            }
            List<String> suggestions = unmatched.getSuggestions().stream()
                    .map(name -> commandLine.getSubcommands().containsKey(name) ? commandLine.getSubcommands().get(name).getCommandName() : name)
                    .distinct()
                    .limit(3)
                    .toList();
            if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions) + "?";
            }
        }
        return oneLine(message) + " (see '" + commandLine.getCommandSpec().qualifiedName() + " --help')";
    }

    private static String oneLine(Object value) {
        String text = value instanceof Throwable t && t.getMessage() != null
                ? t.getClass().getSimpleName() + ": " + t.getMessage()
                : String.valueOf(value);
        return String.join(" ", text.strip().split("\\s*\\R\\s*"));
    }
}
