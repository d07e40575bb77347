package dev.p2pshare.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a membership lasts as people type it ({@code 30d}, {@code 12h}, {@code 90m}, {@code 2w}) and when it
 * ends ({@code 2026-12-31}: at the end of that day, UTC; or an ISO-8601 instant), for picocli options.
 */
final class MembershipTerm {
    private static final Pattern LENGTH = Pattern.compile("(\\d{1,9})([smhdw])");

    private MembershipTerm() {
    }

    static Duration length(String text) {
        Matcher m = LENGTH.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException(
                    "'" + text + "' is not a length: a number and s, m, h, d or w, such as 30d or 12h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    static Instant end(String text) {
        String value = text.strip();
        try {
            return value.contains("T") ? Instant.parse(value)
                    : LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + text + "' is not a date: 2026-12-31 (the end of that day, UTC) or 2026-12-31T18:00:00Z");
        }
    }

    /** {@code 30d}, {@code 12h}, ...: the largest whole unit, as {@link #length} reads it back. */
    static String format(Duration length) {
        long s = length.toSeconds();
        if (s % 86_400 == 0) return s / 86_400 + "d";
        if (s % 3_600 == 0) return s / 3_600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }

    /** An end as the tables show it: to the second, UTC. */
    static String format(Instant end) {
        return end == null ? null : end.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    static final class LengthConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return length(value);
        }
    }

    static final class EndConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return end(value);
        }
    }
}
