package dev.p2pshare.shared;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Paths inside a shared folder: relative, components separated by '/', each component a valid
 * {@link FileNames file name} that is not a drive letter ("C:"). Such a path can never leave the
 * folder it is resolved against: it has no root, no "..", no "\" and no NUL.
 */
public final class FolderPaths {
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:");

    private FolderPaths() {
    }

    /** Why {@code path} is refused under {@code limits}, or null when it is a safe relative path. */
    public static String problem(String path, FolderLimits limits) {
        if (path == null || path.isEmpty()) return "a path is empty";
        String shown = shown(path);
        if (path.indexOf('\0') >= 0) return "path " + shown + " contains NUL";
        if (path.indexOf('\\') >= 0) return "path " + shown + " contains '\\'";
        if (path.startsWith("/")) return "path " + shown + " is absolute";
        int bytes = path.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxPathBytes()) {
            return "path " + shown + " has " + bytes + " bytes, more than max-path-bytes (" + limits.maxPathBytes() + ")";
        }
        String[] parts = path.split("/", -1);
        if (parts.length > limits.maxDepth()) {
            return "path " + shown + " is " + parts.length + " deep, more than max-depth (" + limits.maxDepth() + ")";
        }
        for (String part : parts) {
            if (part.equals("..")) return "path " + shown + " contains '..'";
            if (part.isEmpty() || part.equals(".")) return "path " + shown + " has an empty or '.' component";
            if (DRIVE_LETTER.matcher(part).find()) return "path " + shown + " contains a drive letter";
            if (!FileNames.isValid(part)) {
                return "path " + shown + " has a component that is not " + FileNames.RULE;
            }
        }
        return null;
    }

    /**
     * The form two paths share when a case-insensitive or normalizing file system (macOS, Windows)
     * would store them as one: NFC, then lower case.
     */
    public static String collisionKey(String path) {
        return Normalizer.normalize(path, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** The path made printable for an error message: control characters escaped, long paths cut. */
    private static String shown(String path) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < path.length() && out.length() < 120; i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append(out.length() >= 120 ? "...'" : "'").toString();
    }
}
