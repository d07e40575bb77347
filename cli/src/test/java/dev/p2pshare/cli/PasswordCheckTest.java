package dev.p2pshare.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordCheckTest {

    @Test
    void matchesOnlyThePasswordItWasMadeOfWithAFreshSaltEachTime() {
        String check = PasswordCheck.of("alice-pw");

        assertThat(check).startsWith("pbkdf2-sha512:210000:").doesNotContain("alice-pw");
        assertThat(PasswordCheck.matches(check, "alice-pw")).isTrue();
        assertThat(PasswordCheck.matches(check, "alice-pW")).isFalse();
        assertThat(PasswordCheck.matches(check, "")).isFalse();
        assertThat(PasswordCheck.of("alice-pw")).as("salted").isNotEqualTo(check);
    }

    @Test
    void aStoredValueItCannotReadMatchesNothing() {
        assertThat(PasswordCheck.matches("", "pw")).isFalse();
        assertThat(PasswordCheck.matches("bcrypt:10:abc:def", "pw")).isFalse();
        assertThat(PasswordCheck.matches("pbkdf2-sha512:x:abc:def", "pw")).isFalse();
        assertThat(PasswordCheck.matches("pbkdf2-sha512:999999999:AAAA:AAAA", "pw")).as("no endless hashing").isFalse();
        assertThat(PasswordCheck.matches("pbkdf2-sha512:1000:%%%:AAAA", "pw")).isFalse();
    }
}
