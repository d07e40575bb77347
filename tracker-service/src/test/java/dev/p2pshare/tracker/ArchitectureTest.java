package dev.p2pshare.tracker;

import dev.p2pshare.shared.testing.ModuleArchitectureTest;

class ArchitectureTest extends ModuleArchitectureTest {
    ArchitectureTest() {
        super("dev.p2pshare.tracker");
    }
}
