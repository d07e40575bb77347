package dev.p2pshare.shared;

import dev.p2pshare.shared.testing.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

class ArchitectureTest extends ModuleArchitectureTest {
    ArchitectureTest() {
        super("dev.p2pshare.shared");
    }

    @Test
    void usesNoSpringAndNoWebCode() {
        usesNothingFrom("every module, the Spring-free CLI too, uses these wire records and helpers (STYLE.md)",
                "org.springframework..", "jakarta.servlet..", "okhttp3..").check(classes);
    }
}
