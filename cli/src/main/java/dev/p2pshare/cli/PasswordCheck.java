package dev.p2pshare.cli;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A salted, slow hash of the password a folder's session was logged in with (login.check, mode 0600 like the
 * session token beside it). A second {@code p2p login} while the agent runs checks the password against it:
 * asking the tracker would mean a second session, and revoking that one marks the user's peer offline, so
 * every share of the user would drop until the next heartbeat.
 */
final class PasswordCheck {
    private static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    private static final String PREFIX = "pbkdf2-sha512";
    /** OWASP's recommendation for PBKDF2-HMAC-SHA512 (2023). */
    private static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordCheck() {
    }

    /** {@code pbkdf2-sha512:<iterations>:<salt>:<hash>} (Base64) of {@code password} with a new random salt. */
    static String of(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + ":" + ITERATIONS + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(hash(password, salt, ITERATIONS));
    }

    /** Whether {@code password} is the one {@code stored} was made of; false for a stored value it cannot read. */
    static boolean matches(String stored, String password) {
        String[] parts = stored.strip().split(":");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) return false;
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || iterations > 10 * ITERATIONS || expected.length * 8 != HASH_BITS) return false;
            return MessageDigest.isEqual(expected, hash(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] hash(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }
}
