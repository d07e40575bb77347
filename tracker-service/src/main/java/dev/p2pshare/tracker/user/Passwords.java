package dev.p2pshare.tracker.user;

import dev.p2pshare.tracker.system.ApiProblem;

/** The password rule: 6 to 128 characters of well-formed text. */
public final class Passwords {
    public static final int MIN = 6;
    public static final int MAX = 128;

    private Passwords() {
    }

    public static void requireValid(String password) {
        if (password == null || password.length() < MIN || password.length() > MAX || !isText(password)) {
            throw ApiProblem.badRequest("password must be " + MIN + " to " + MAX + " characters");
        }
    }

    /** A password to log in with: present and text the hash can read (a lone surrogate, sent as a JSON escape, is not). */
    public static void requireText(String password) {
        if (password == null) throw ApiProblem.badRequest("password is missing");
        if (!isText(password)) throw ApiProblem.badRequest("password is not valid text");
    }

    private static boolean isText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return false;
        }
        return true;
    }
}
