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
    void fileNamesWithInvisibleOrReorderingCharactersAreRefused() {
        for (int cp : new int[]{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
                0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x200E, 0x200F, 0x7F, 0x85}) {
            String name = "photo" + Character.toString(cp) + "gpj.exe";
            assertThat(FileNames.isValid(name)).as("U+%04X", cp).isFalse();
        }
        assertThat(FileNames.isValid("\u200Dleading-joiner.txt")).isFalse();
        // A zero-width joiner that joins two emoji into one (woman, joiner, woman, joiner, girl) is no trick.
        String family = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67 family.jpg";
        assertThat(FileNames.isValid(family)).isTrue();
        assertThat(FileNames.isValid("\u2764\uFE0F\u200D\uD83D\uDD25.png")).isTrue();
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
