package dev.p2pshare.shared;

import java.util.regex.Pattern;

/**
 * User and group names: 1 to 64 letters, digits, '.', '_' and '-', but not "." or "..": names are URL path
 * segments, and those two cannot be one.
 */
public final class Names {
    public static final String REGEX = "^[A-Za-z0-9._-]{1,64}$";
    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }
}
