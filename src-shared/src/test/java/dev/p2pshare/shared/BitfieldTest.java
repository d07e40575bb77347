package dev.p2pshare.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BitfieldTest {
    @Test
    void roundTripsThroughBase64MostSignificantBitFirst() {
        Bitfield b = new Bitfield(10);
        b.set(0);
        b.set(9);
        assertThat(b.toBase64()).isEqualTo("gEA="); // 0x80 0x40
        Bitfield back = Bitfield.fromBase64(b.toBase64(), 10);
        assertThat(back).isEqualTo(b);
        assertThat(back.get(0)).isTrue();
        assertThat(back.get(1)).isFalse();
        assertThat(back.get(9)).isTrue();
        assertThat(back.cardinality()).isEqualTo(2);
    }

    @Test
    void countsSetBitsOnceAndKnowsWhenComplete() {
        Bitfield b = new Bitfield(3);
        assertThat(b.set(1)).isTrue();
        assertThat(b.set(1)).isFalse();
        assertThat(b.isComplete()).isFalse();
        b.set(0);
        b.set(2);
        assertThat(b.isComplete()).isTrue();
        assertThat(Bitfield.full(3)).isEqualTo(b);
        assertThat(new Bitfield(0).isComplete()).isTrue();
    }

    @Test
    void rejectsWireFormsThatDoNotFit() {
        assertThatThrownBy(() -> Bitfield.fromBase64("gEA=", 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bitfield.fromBase64("not base64!", 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bitfield.fromBase64(null, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bitfield(3).set(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rawBytesRoundTripAndMustFitTheSize() {
        Bitfield b = new Bitfield(10);
        b.set(0);
        b.set(9);
        assertThat(b.toBytes()).containsExactly(0x80, 0x40);
        assertThat(Bitfield.fromBytes(b.toBytes(), 10)).isEqualTo(b);
        assertThat(Bitfield.byteLength(10)).isEqualTo(2);
        assertThat(Bitfield.byteLength(16)).isEqualTo(2);
        assertThatThrownBy(() -> Bitfield.fromBytes(new byte[3], 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
