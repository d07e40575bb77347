package dev.p2pshare.cli;

import dev.p2pshare.shared.testing.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

class ArchitectureTest extends ModuleArchitectureTest {
    ArchitectureTest() {
        super("dev.p2pshare.cli");
    }

    @Test
    void usesNoSpring() {
        usesNothingFrom("the CLI carries no Spring, so it starts fast (STYLE.md)", "org.springframework..").check(classes);
    }
}
