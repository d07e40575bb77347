package dev.p2pshare.cli;

import java.util.Locale;

/** Byte counts and rates for people: 512 B, 3.0 KiB, 20.0 MiB, 1.5 GiB. */
final class ByteSize {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {
    }

    static String of(long bytes) {
        if (bytes < 1024) return bytes + " B";
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    static String rate(double bytesPerSecond) {
        return of(Math.round(bytesPerSecond)) + "/s";
    }
}
