package dev.p2pshare.tracker.system;

import dev.p2pshare.shared.FileNames;
import dev.p2pshare.shared.Names;

/** Input checks shared by the controllers; each failure is a 400 naming what was wrong. */
public final class Validation {
    private Validation() {
    }

    public static void requireBody(Object body) {
        if (body == null) throw ApiProblem.badRequest("request body is missing");
    }

    /** {@code what} is "user" or "group": 1 to 64 letters, digits, '.', '_' and '-'. */
    public static void requireName(String what, String name) {
        if (!Names.isValid(name)) {
            throw ApiProblem.badRequest(what + " name must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    public static void requireFileName(String name) {
        if (!FileNames.isValid(name)) {
            throw ApiProblem.badRequest("file name must be " + FileNames.RULE);
        }
    }
}
