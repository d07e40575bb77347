package dev.p2pshare.cli;

import java.io.PrintWriter;

/** What a command prints on stdout: its result as JSON with --json, else as text for people. */
final class Output {
    private final PrintWriter out;
    private final Json json;
    private final boolean jsonMode;

    Output(PrintWriter out, Json json, boolean jsonMode) {
        this.out = out;
        this.json = json;
        this.jsonMode = jsonMode;
    }

    boolean jsonMode() {
        return jsonMode;
    }

    /** Prints {@code result} as one line of JSON, or {@code text} (which may span lines). */
    void print(Object result, String text) {
        out.println(jsonMode ? json.write(result) : text);
        out.flush();
    }

    /** A line for people only (progress, hints); nothing with --json. */
    void note(String text) {
        if (jsonMode) return;
        out.println(text);
        out.flush();
    }
}
