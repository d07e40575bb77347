package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.AgentStatus;
import dev.p2pshare.shared.control.HashingProgress;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.control.StoppedShare;
import dev.p2pshare.shared.control.TransferLimits;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusTextTest {

    @Test
    void sharesTheAgentStoppedAreListedWithWhyAndTheFix() {
        var status = new AgentStatus("alice", List.of("http://t1:9000"),
                "unreachable since 14:02:10 (last error: Connection refused; last reached 40 s ago)", "http://10.0.0.5:4000",
                List.of(), List.of(), List.of(), new TransferLimits(0L, 0L, true),
                List.of(new StoppedShare("photos", "cat.jpg", "/home/alice/cat.jpg", "changed on disk",
                        "upload it again, or stop_sharing to forget it", Instant.parse("2026-01-01T14:00:00Z"))),
                Instant.parse("2026-01-01T14:01:30Z"), Instant.parse("2026-01-01T14:02:10Z"), "Connection refused");
        var endpoint = new AgentEndpoint(4242, "http://127.0.0.1:5000", "http://10.0.0.5:4000");

        String text = StatusCommand.text(Path.of("/home/alice/.p2p"), endpoint, status);

        assertThat(text.lines()).contains(
                "Tracker:   unreachable since 14:02:10 (last error: Connection refused; last reached 40 s ago)",
                "Shares:    0 files",
                "Stopped:   1 file the agent no longer shares",
                "  GROUP   FILE     WHY                                                             PATH",
                "  photos  cat.jpg  changed on disk: upload it again, or stop_sharing to forget it  /home/alice/cat.jpg");
    }

    @Test
    void aFolderShareShowsItsFileCountAndItsHashingTheFilesDone() {
        var status = new AgentStatus("alice", List.of("http://t1:9000"), "connected", "http://10.0.0.5:4000",
                List.of(new ShareInfo("photos", "album", "/home/alice/album", 3_000_000, "0".repeat(64), 6, true, 120, 2,
                        List.of())),
                List.of(), List.of(new HashingProgress("/home/alice/raw", 500, 1000, 40, 80)), new TransferLimits(0L, 0L, true));
        var endpoint = new AgentEndpoint(4242, "http://127.0.0.1:5000", "http://10.0.0.5:4000");

        String text = StatusCommand.text(Path.of("/home/alice/.p2p"), endpoint, status);

        assertThat(text.lines()).contains(
                "  photos  album/ (120 files)  2.9 MiB  /home/alice/album",
                "  hashing /home/alice/raw 50% (40 of 80 files)");
    }
}
