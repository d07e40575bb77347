package dev.p2pshare.shared;

import java.util.Arrays;
import java.util.Base64;

/**
 * Which chunks of a file a peer holds. Bit i is chunk i, most significant bit of byte 0 first (as in
 * BitTorrent); on the wire it is Base64 of those bytes. Thread-safe.
 */
public final class Bitfield {
    private final int size;
    private final byte[] bits;
    private int cardinality;

    public Bitfield(int size) {
        if (size < 0) throw new IllegalArgumentException("size must not be negative");
        this.size = size;
        this.bits = new byte[byteLength(size)];
    }

    public static Bitfield full(int size) {
        Bitfield b = new Bitfield(size);
        for (int i = 0; i < size; i++) b.set(i);
        return b;
    }

    /** The bytes a bitfield of {@code size} chunks takes: {@code ceil(size / 8)}. */
    public static int byteLength(int size) {
        return (size + 7) / 8;
    }

    /** Parses the raw form; throws IllegalArgumentException when it does not fit {@code size} chunks. */
    public static Bitfield fromBytes(byte[] raw, int size) {
        Bitfield b = new Bitfield(size);
        if (raw.length != b.bits.length) {
            throw new IllegalArgumentException("bitfield has " + raw.length + " bytes, expected " + b.bits.length);
        }
        for (int i = 0; i < size; i++) {
            if ((raw[i >>> 3] & (0x80 >>> (i & 7))) != 0) b.set(i);
        }
        return b;
    }

    /** Parses the wire form; throws IllegalArgumentException when it does not fit {@code size} chunks. */
    public static Bitfield fromBase64(String encoded, int size) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("chunks must be a Base64 bitfield");
        }
        return fromBytes(raw, size);
    }

    /** The raw form: bit i is chunk i, most significant bit of byte 0 first. */
    public synchronized byte[] toBytes() {
        return bits.clone();
    }

    public synchronized String toBase64() {
        return Base64.getEncoder().encodeToString(bits);
    }

    public int size() {
        return size;
    }

    public synchronized boolean get(int i) {
        check(i);
        return (bits[i >>> 3] & (0x80 >>> (i & 7))) != 0;
    }

    /** Sets bit i; returns true when it was not set before. */
    public synchronized boolean set(int i) {
        check(i);
        int mask = 0x80 >>> (i & 7);
        if ((bits[i >>> 3] & mask) != 0) return false;
        bits[i >>> 3] |= (byte) mask;
        cardinality++;
        return true;
    }

    /** Clears bit i; returns true when it was set before. */
    public synchronized boolean clear(int i) {
        check(i);
        int mask = 0x80 >>> (i & 7);
        if ((bits[i >>> 3] & mask) == 0) return false;
        bits[i >>> 3] &= (byte) ~mask;
        cardinality--;
        return true;
    }

    public synchronized int cardinality() {
        return cardinality;
    }

    public synchronized boolean isComplete() {
        return cardinality == size;
    }

    private void check(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("bit " + i + " of " + size);
    }

    @Override
    public synchronized boolean equals(Object o) {
        return o instanceof Bitfield other && other.size == size && Arrays.equals(other.bits, bits);
    }

    @Override
    public synchronized int hashCode() {
        return 31 * size + Arrays.hashCode(bits);
    }
}
