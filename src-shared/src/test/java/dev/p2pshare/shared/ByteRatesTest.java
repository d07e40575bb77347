package dev.p2pshare.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRatesTest {
    @Test
    void decimalAndBinaryUnitsAreTold() {
        assertThat(ByteRates.parse("500KB")).isEqualTo(500_000);
        assertThat(ByteRates.parse("5MB")).isEqualTo(5_000_000);
        assertThat(ByteRates.parse("5mb/s")).isEqualTo(5_000_000);
        assertThat(ByteRates.parse("1.5MiB")).isEqualTo(1_572_864);
        assertThat(ByteRates.parse("2GiB")).isEqualTo(2L << 30);
        assertThat(ByteRates.parse("1200")).isEqualTo(1200);
        assertThat(ByteRates.parse(" 20 MB ")).isEqualTo(20_000_000);
    }

    @Test
    void zeroAndUnlimitedMeanNoLimit() {
        assertThat(ByteRates.parse("0")).isZero();
        assertThat(ByteRates.parse("0MB")).isZero();
        assertThat(ByteRates.parse("Unlimited")).isZero();
    }

    @Test
    void nonsenseIsRefusedWithAReadableMessage() {
        for (String bad : new String[]{"", "fast", "-5MB", "5XB", "1e9", "0.1B", "99999999999TB"}) {
            assertThatThrownBy(() -> ByteRates.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("Exception");
        }
        assertThatThrownBy(() -> ByteRates.parse(null)).hasMessageContaining("e.g. 500KB");
    }

    @Test
    void ratesAreShownInDecimalUnits() {
        assertThat(ByteRates.format(0)).isEqualTo("unlimited");
        assertThat(ByteRates.format(800)).isEqualTo("800 B/s");
        assertThat(ByteRates.format(20_000_000)).isEqualTo("20 MB/s");
        assertThat(ByteRates.format(1_572_864)).isEqualTo("1.57 MB/s");
        assertThat(ByteRates.format(500_000)).isEqualTo("500 KB/s");
    }
}
