package dev.p2pshare.shared.tracker;

/**
 * The download grant: a JWT the tracker signs ({@link #ALGORITHM}, EC P-256) and publishes the key(s) of
 * as a JWK Set at {@code GET /api/keys} (each key carries "kid" and "alg"; during a key rotation the
 * previous key stays published). Agents check signature, expiry and that {@link #FILE_CLAIM} equals
 * the {@code {sha256}} of the chunk path.
 */
public final class Grants {
    /** The subject claim ("sub") is the user the grant was issued to. */
    public static final String GROUP_CLAIM = "grp";
    public static final String FILE_CLAIM = "sha256";
    public static final String ISSUER = "p2p-share-tracker";
    public static final String JWKS_PATH = "/api/keys";
    /** JWS algorithm of every grant: ECDSA with P-256 and SHA-256 (fast to sign and verify). */
    public static final String ALGORITHM = "ES256";

    private Grants() {
    }
}
