package dev.p2pshare.shared;

import java.nio.charset.StandardCharsets;

/**
 * A shared file's name: one path component of at most 255 UTF-8 bytes, not "." or "..", with no
 * '/', '\', control characters or invisible format characters. Spaces and non-ASCII letters are welcome.
 * Format characters (Unicode Cf: bidi overrides and isolates U+202A-U+202E and U+2066-U+2069, zero-width
 * spaces and joiners U+200B-U+200D, U+2060, the BOM U+FEFF, ...) are refused because they make a name
 * read other than it is: U+202E then "gpj.exe" shows as "exe.jpg". The one exception is a zero-width
 * joiner between two emoji, which draws one picture (woman, joiner, girl) rather than hiding anything.
 */
public final class FileNames {
    public static final int MAX_BYTES = 255;
    /** Why a name is refused, for error messages. */
    public static final String RULE = "one path component of at most 255 UTF-8 bytes, not . or .., without / \\, "
            + "control characters or invisible ones (bidi overrides, zero-width characters)";
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int EMOJI_PRESENTATION = 0xFE0F;

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
        int previous = -1;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.FORMAT
                    && !(cp == ZERO_WIDTH_JOINER && isEmoji(previous) && i < name.length() && isEmoji(name.codePointAt(i)))) {
                return false;
            }
            if (cp != EMOJI_PRESENTATION) previous = cp;
        }
        return true;
    }

    /** Emoji are "other symbols" (So); good enough to tell a joined emoji sequence from a hidden joiner. */
    private static boolean isEmoji(int cp) {
        return cp >= 0 && Character.getType(cp) == Character.OTHER_SYMBOL;
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
