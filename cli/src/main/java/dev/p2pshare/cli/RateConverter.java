package dev.p2pshare.cli;

import dev.p2pshare.shared.ByteRates;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Rate options ({@code 5MB}, {@code 1.5MiB}, {@code 0}, {@code unlimited}) as bytes per second; a typo is a usage error. */
final class RateConverter implements ITypeConverter<Long> {
    static final String UNITS = "KB, MB, GB are powers of 1000 (5MB = 5,000,000 bytes/s); KiB, MiB, GiB of 1024.";

    @Override
    public Long convert(String value) {
        try {
            return ByteRates.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
