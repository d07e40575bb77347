package dev.p2pshare.agent.download;

/** How asking a peer for a chunk went. */
record FetchResult(Kind kind, String message, long retryAfterMillis) {
    enum Kind {
        /** The bytes arrived (still to be verified). */
        OK,
        /** The peer sent bytes that cannot be the chunk (wrong length or, after verifying, wrong hash). */
        BAD,
        /** 503: too many uploads; retry later. */
        BUSY,
        /** 401: the grant was refused (expired?). */
        UNAUTHORIZED,
        /** 404: the peer does not hold that chunk (any more). */
        MISSING,
        /** The peer broke the protocol (a body too long or too slow, a redirect): dropped at once. */
        MISBEHAVED,
        /** Connection trouble, a timeout or an unexpected answer. */
        FAILED,
        CANCELLED
    }

    static final FetchResult OK = new FetchResult(Kind.OK, null, 0);
    static final FetchResult CANCELLED = new FetchResult(Kind.CANCELLED, null, 0);

    static FetchResult of(Kind kind, String message) {
        return new FetchResult(kind, message, 0);
    }
}
