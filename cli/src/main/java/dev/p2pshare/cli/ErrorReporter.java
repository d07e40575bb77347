package dev.p2pshare.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns every failure into exactly one line on stderr and an exit code; never a stack trace. With --json
 * the line is {@code {"error": "...", "exitCode": N}}.
 */
final class ErrorReporter {
    /** Suggestions for a mistyped command: at most this many edits away, at most this many of them. */
    private static final int MAX_EDITS = 2;
    private static final int MAX_SUGGESTIONS = 3;

    private ErrorReporter() {
    }

    /** A command failed while running: a {@link CliFailure}'s line, or a short description of anything else. */
    static int executionFailed(Exception error, CommandLine commandLine, ParseResult parseResult) {
        String message = error instanceof CliFailure ? error.getMessage() : "unexpected error: " + oneLine(error);
        int exitCode = commandLine.getExitCodeExceptionMapper().getExitCode(error);
        Object root = commandLine.getCommandSpec().root().userObject();
        report(commandLine, message, exitCode, root instanceof P2pCommand p2p && p2p.jsonOutput());
        return exitCode;
    }

    /** The command line is wrong: the reason, suggestions for a mistyped command, and where help is. */
    static int usageError(ParameterException error, String[] args) {
        boolean json = Arrays.stream(args).takeWhile(arg -> !arg.equals("--")).anyMatch(arg -> arg.equals("--json"));
        report(error.getCommandLine(), usageMessage(error), ExitCodes.USAGE, json);
        return ExitCodes.USAGE;
    }

    private static void report(CommandLine commandLine, String message, int exitCode, boolean json) {
        if (json) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("error", message);
            problem.put("exitCode", exitCode);
            commandLine.getErr().println(new Json().write(problem));
        } else {
            commandLine.getErr().println("p2p: " + message);
        }
        commandLine.getErr().flush();
    }

    static String usageMessage(ParameterException error) {
        CommandLine commandLine = error.getCommandLine();
        String message = error.getMessage();
        if (error instanceof UnmatchedArgumentException unmatched) {
            List<String> args = unmatched.getUnmatched();
            boolean unknownCommand = commandLine.getParent() == null && !args.isEmpty()
                    && !args.get(0).startsWith("-") && !commandLine.getSubcommands().isEmpty();
            List<String> suggestions;
            if (unknownCommand) {
                message = "unknown command '" + args.get(0) + "'";
                suggestions = closestCommands(commandLine, args.get(0));
            } else {
                if (unmatched.isUnknownOption()) {
                    message = "unknown option '" + args.get(0) + "'";
                } else if (!args.isEmpty()) {
                    message = "unexpected argument '" + args.get(0) + "'";
                }
                suggestions = unmatched.getSuggestions().stream().distinct().limit(MAX_SUGGESTIONS).toList();
            }
            if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions) + "?";
            }
        }
        return oneLine(message) + " (see '" + commandLine.getCommandSpec().qualifiedName() + " --help')";
    }

    /**
     * The visible commands nearest to {@code typed}, closest first, ignoring case and counting a swap of two
     * neighbouring letters as one edit ({@code lgoin} is one edit from {@code login}); aliases count for their command.
     */
    static List<String> closestCommands(CommandLine commandLine, String typed) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        Map<String, Integer> distances = new LinkedHashMap<>();
        commandLine.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().usageMessage().hidden()) return;
            int distance = editDistance(wanted, name.toLowerCase(Locale.ROOT));
            distances.merge(sub.getCommandName(), distance, Math::min);
        });
        return distances.entrySet().stream()
                .filter(entry -> entry.getValue() <= MAX_EDITS)
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .limit(MAX_SUGGESTIONS)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String oneLine(Object value) {
        String text = value instanceof Throwable t && t.getMessage() != null
                ? t.getClass().getSimpleName() + ": " + t.getMessage()
                : String.valueOf(value);
        return String.join(" ", text.strip().split("\\s*\\R\\s*"));
    }
}
