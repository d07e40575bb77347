package dev.p2pshare.tracker.session;

import dev.p2pshare.shared.Hex;
import dev.p2pshare.shared.tracker.NewApiKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque bearer tokens: 256 random bits, Base64url; the database keeps only their SHA-256. An API key is
 * such a token behind {@code p2pk_<id>_}, the id naming its row.
 */
final class SessionTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionTokens() {
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String apiKey(long id, String secret) {
        return NewApiKey.PREFIX + id + "_" + secret;
    }

    /** The row id an API key names, or -1 when {@code key} is not shaped like one. */
    static long apiKeyId(String key) {
        int end = key.indexOf('_', NewApiKey.PREFIX.length());
        if (!NewApiKey.isApiKey(key) || end < 0 || end - NewApiKey.PREFIX.length() > 18) return -1;
        try {
            return Long.parseLong(key, NewApiKey.PREFIX.length(), end, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The secret part of an API key whose id {@link #apiKeyId} could read. */
    static String apiKeySecret(String key) {
        return key.substring(key.indexOf('_', NewApiKey.PREFIX.length()) + 1);
    }

    static String hash(String token) {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
