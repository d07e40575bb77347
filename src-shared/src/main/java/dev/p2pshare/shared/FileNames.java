package dev.p2pshare.shared;

import java.nio.charset.StandardCharsets;

/**
 * A shared file's name: one path component of at most 255 UTF-8 bytes, not "." or "..", with no
 * '/', '\' or control characters. Spaces and non-ASCII letters are welcome.
 */
public final class FileNames {
    public static final int MAX_BYTES = 255;

    private FileNames() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")) return false;
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c)) return false;
            if (Character.isSurrogate(c) && !validSurrogateAt(name, i)) return false;
        }
        return true;
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
