package dev.p2pshare.shared.tracker;

/**
 * Answer of {@code POST /api/users/me/api-keys}: the key ({@value #PREFIX}{@code <id>_<secret>}), shown this
 * once (the tracker keeps only a hash of it), and what it may do.
 */
public record NewApiKey(String key, ApiKeyInfo info) {
    /** Every API key starts with this; session tokens never do. */
    public static final String PREFIX = "p2pk_";

    public static boolean isApiKey(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    @Override
    public String toString() {
        return "NewApiKey[info=" + info + "]";
    }
}
