package dev.p2pshare.tracker.user;

import dev.p2pshare.tracker.system.ApiProblem;

/** The password rule: 6 to 128 characters. */
public final class Passwords {
    public static final int MIN = 6;
    public static final int MAX = 128;

    private Passwords() {
    }

    public static void requireValid(String password) {
        if (password == null || password.length() < MIN || password.length() > MAX) {
            throw ApiProblem.badRequest("password must be " + MIN + " to " + MAX + " characters");
        }
    }
}
