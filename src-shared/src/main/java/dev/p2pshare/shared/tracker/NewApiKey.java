package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Answer of {@code POST /api/users/me/api-keys}: the key ({@value #PREFIX}{@code <id>_<secret>}), shown this
 * once (the tracker keeps only a hash of it), and what it may do.
 */
@Schema(description = "A new API key, shown this once: store it now; the tracker keeps only its SHA-256.")
public record NewApiKey(
        @Schema(description = "The key, p2pk_<id>_<secret> (the secret: 256 random bits, Base64url); send it as "
                + "'Authorization: Bearer <key>'.", pattern = ApiExamples.API_KEY_PATTERN, minLength = 50, maxLength = 67,
                example = ApiExamples.API_KEY)
        String key,
        @Schema(description = "What the key may do, as GET /api/users/me/api-keys lists it.")
        ApiKeyInfo info) {
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
