package dev.p2pshare.shared;

/**
 * Realistic values for the OpenAPI examples of the wire records (Swagger UI shows them as sample bodies), and the
 * one explanation of the chunk bitfield. Compile-time constants, as annotations need.
 */
public final class ApiExamples {
    public static final String USER = "alice";
    public static final String GROUP = "photos";
    public static final String FILE = "cat.jpg";
    /** 3 000 000 bytes: 6 chunks of 512 KiB, the last one shorter. */
    public static final String SIZE = "3000000";
    public static final String CHUNK_COUNT = "6";
    public static final String SHA256 = "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";
    public static final String CHUNK_SHA256 = "c4b7d1b1b8a54f2e2b6c5b0d0e8f2f6a3b1c9d8e7f6a5b4c3d2e1f0a9b8c7d6e";
    public static final String SHA256_PATTERN = "^[0-9a-f]{64}$";
    public static final String FILE_NAME = "File name: one path component of at most 255 UTF-8 bytes, without '/', '\\' "
            + "or control characters, not '.' or '..'.";
    public static final String INSTANT = "2026-11-29T14:02:00Z";
    public static final String PEER_URL = "http://192.168.1.20:41234";
    public static final String BITFIELD = "Base64 (standard alphabet, padded) of ceil(chunks / 8) bytes in which bit i is chunk i, "
            + "most significant bit of byte 0 first, as in BitTorrent: of a 6-chunk file, holding chunks 0, 1 and 3 is "
            + "bits 11010000 = byte 0xD0 = \"0A==\", and all six is 0xFC = \"/A==\".";
    /** An API key: "p2pk_", the key's id, "_", then 256 random bits in Base64url (43 characters). */
    public static final String API_KEY = "p2pk_7_q9N-I7tq2ENFrPJS9als-zNEP8mlM7_7D1Al8eRaZgs";
    public static final String API_KEY_PATTERN = "^p2pk_[0-9]{1,18}_[A-Za-z0-9_-]{43}$";

    private ApiExamples() {
    }
}
