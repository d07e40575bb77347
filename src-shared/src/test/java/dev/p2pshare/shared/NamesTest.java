package dev.p2pshare.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {
    @Test
    void userAndGroupNamesAreShortAndPlain() {
        assertThat(Names.isValid("alice")).isTrue();
        assertThat(Names.isValid("a.b_c-9")).isTrue();
        assertThat(Names.isValid("x".repeat(64))).isTrue();
        assertThat(Names.isValid("x".repeat(65))).isFalse();
        assertThat(Names.isValid("")).isFalse();
        assertThat(Names.isValid(null)).isFalse();
        assertThat(Names.isValid("bob smith")).isFalse();
        assertThat(Names.isValid("bob'; drop table users;--")).isFalse();
        assertThat(Names.isValid("zoë")).isFalse();
        assertThat(Names.isValid(".")).isFalse();
        assertThat(Names.isValid("..")).isFalse();
        assertThat(Names.isValid("...")).isTrue();
    }

    @Test
    void fileNamesWelcomeSpacesAndLettersButNoPaths() {
        assertThat(FileNames.isValid("holiday photos.zip")).isTrue();
        assertThat(FileNames.isValid("Zoë – résumé.pdf")).isTrue();
        assertThat(FileNames.isValid("日本語.txt")).isTrue();
        assertThat(FileNames.isValid("é".repeat(127))).isTrue();
        assertThat(FileNames.isValid("é".repeat(128))).isFalse();
        assertThat(FileNames.isValid(".")).isFalse();
        assertThat(FileNames.isValid("..")).isFalse();
        assertThat(FileNames.isValid("../etc/passwd")).isFalse();
        assertThat(FileNames.isValid("a\\b")).isFalse();
        assertThat(FileNames.isValid("a\nb")).isFalse();
        assertThat(FileNames.isValid("a\u0000b")).isFalse();
        assertThat(FileNames.isValid("\uD800x")).isFalse();
        assertThat(FileNames.isValid("")).isFalse();
    }

    @Test
    void sha256HexIsLowerCaseAndExact() {
        assertThat(Hex.isSha256("0123456789abcdef".repeat(4))).isTrue();
        assertThat(Hex.isSha256("0123456789ABCDEF".repeat(4))).isFalse();
        assertThat(Hex.isSha256("0".repeat(63))).isFalse();
        assertThat(Hex.isSha256("g".repeat(64))).isFalse();
        assertThat(Hex.of(Hex.parse("00ff10"))).isEqualTo("00ff10");
    }
}
