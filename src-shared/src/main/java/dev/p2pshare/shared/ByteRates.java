package dev.p2pshare.shared;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Transfer rates as people write them, one reading for the CLI and the agent's settings: {@code 500KB},
 * {@code 5MB}, {@code 1.5MiB} per second. KB, MB and GB are powers of 1000 (as link speeds are quoted);
 * KiB, MiB and GiB powers of 1024; a bare number is bytes. {@code 0} or {@code unlimited} is no limit.
 */
public final class ByteRates {
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]i?B|B)?(?:/s)?",
            Pattern.CASE_INSENSITIVE);
    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    private ByteRates() {
    }

    /** Bytes per second, 0 for unlimited; IllegalArgumentException with a readable message otherwise. */
    public static long parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.equalsIgnoreCase("unlimited")) return 0;
        Matcher m = RATE.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a rate: '" + value + "' (e.g. 500KB, 5MB, 1.5MiB, 0 or unlimited)");
        }
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier(unit)));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) throw new IllegalArgumentException("rate too large: " + value);
        long rate = bytes.longValue();
        if (rate == 0 && bytes.signum() > 0) throw new IllegalArgumentException("rate below 1 byte/s: " + value);
        return rate;
    }

    private static long multiplier(String unit) {
        if (unit.equals("B")) return 1;
        int power = "KMGT".indexOf(unit.charAt(0)) + 1;
        long base = unit.contains("I") ? 1024 : 1000;
        long result = 1;
        for (int i = 0; i < power; i++) result *= base;
        return result;
    }

    /** {@code 20 MB/s}, {@code 1.5 MB/s}, {@code 800 B/s}; {@code unlimited} for 0. */
    public static String format(long bytesPerSecond) {
        if (bytesPerSecond <= 0) return "unlimited";
        if (bytesPerSecond < 1000) return bytesPerSecond + " B/s";
        double value = bytesPerSecond;
        int unit = -1;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        String number = String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
        return number + " " + UNITS[unit] + "/s";
    }
}
