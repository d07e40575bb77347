package dev.p2pshare.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether this process talks to a person: stdin and stdout both on a terminal. */
final class Terminal {
    private Terminal() {
    }

    /** The console when stdin and stdout are a terminal, else null. */
    static Console console() {
        Console console = System.console();
        return console != null && isTerminal(console) ? console : null;
    }

    /**
     * Java 22 and later hand out a Console even when input or output is redirected, and say with
     * {@code isTerminal()} whether it is one; this CLI is built for Java 17, which has no such method.
     */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17-21: a Console exists only on a terminal
        }
    }
}
