package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.AgentStatus;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.control.TransferLimits;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.JoinRequestInfo;
import dev.p2pshare.shared.tracker.Membership;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FormattingTest {
    private static final String HASH = "ab".repeat(32);

    private static DownloadInfo download(String file, DownloadState state, int chunksDone, int chunkCount, String error) {
        return new DownloadInfo("id-" + file, "photos", file, HASH, "/tmp/" + file, state, 3_000_000, 1_000_000,
                chunksDone, chunkCount, 1.5e6, 2L, 2, List.of(), error);
    }

    @Test
    void showDownloadsUsesTheSeedSystemsLineFormat() {
        assertThat(ShowDownloadsCommand.line(download("cat.jpg", DownloadState.RUNNING, 3, 6, null))).isEqualTo("[D] photos cat.jpg 50%");
        assertThat(ShowDownloadsCommand.line(download("cat.jpg", DownloadState.COMPLETE, 6, 6, null))).isEqualTo("[C] photos cat.jpg");
        assertThat(ShowDownloadsCommand.line(download("my cat.jpg", DownloadState.PAUSED, 1, 3, null))).isEqualTo("[P] photos my cat.jpg 33%");
        assertThat(ShowDownloadsCommand.line(download("cat.jpg", DownloadState.FAILED, 0, 6, "no peer has chunk 4")))
                .isEqualTo("[F] photos cat.jpg 0% (no peer has chunk 4)");
    }

    @Test
    void showDownloadsPrintsOneLineADownloadOrSaysThereAreNone() {
        assertThat(ShowDownloadsCommand.text(List.of(
                download("a.bin", DownloadState.RUNNING, 1, 4, null), download("b.bin", DownloadState.COMPLETE, 4, 4, null))))
                .isEqualTo("[D] photos a.bin 25%\n[C] photos b.bin");
        assertThat(ShowDownloadsCommand.text(List.of())).isEqualTo("No downloads.");
    }

    @Test
    void showDownloadsJsonIsTheDownloadWithItsPercent() {
        Json json = new Json();
        Map<String, Object> fields = ShowDownloadsCommand.asJson(json, download("a.bin", DownloadState.RUNNING, 1, 4, null));

        assertThat(json.write(List.of(fields)))
                .startsWith("[{\"id\":\"id-a.bin\",\"group\":\"photos\",\"fileName\":\"a.bin\"")
                .contains("\"state\":\"RUNNING\"")
                .endsWith("\"percent\":25}]");
    }

    @Test
    void tablesAlignColumnsWithoutTrailingSpaces() {
        String table = new Table("GROUP", "OWNER", "FILES").row("photos", "alice", 2).row("x", "bartholomew", 10).render();

        assertThat(table).isEqualTo(
                "GROUP   OWNER        FILES\n" +
                "photos  alice        2\n" +
                "x       bartholomew  10");
    }

    @Test
    void listGroupsShowsKindAndTheCallersStanding() {
        String table = ListGroupsCommand.table(List.of(
                new GroupSummary("photos", "alice", false, 2, 1, Membership.OWNER),
                new GroupSummary("family", "bob", true, 1, 0, Membership.PENDING)));

        assertThat(table.lines()).containsExactly(
                "GROUP   OWNER  KIND     MEMBERS  FILES  YOU",
                "photos  alice  open     2        1      owner",
                "family  bob    private  1        0      pending");
        assertThat(ListGroupsCommand.table(List.of())).startsWith("No groups yet");
    }

    @Test
    void listFilesShowsSizeChunksSeedersAndTheFullHash() {
        String table = ListFilesCommand.table("photos", List.of(new FileSummary("cat.jpg", 3_000_000, HASH, 6, 1)));

        assertThat(table.lines()).containsExactly(
                "FILE     SIZE     CHUNKS  SEEDERS  SHA-256",
                "cat.jpg  2.9 MiB  6       1        " + HASH);
        assertThat(ListFilesCommand.table("photos", List.of())).isEqualTo("No files shared in photos.");
    }

    @Test
    void listRequestsShowsWhoAskedAndWhen() {
        String table = ListRequestsCommand.table("family", List.of(new JoinRequestInfo("bob", Instant.parse("2025-01-02T03:04:05Z"))));

        assertThat(table.lines()).containsExactly("USER  REQUESTED", "bob   2025-01-02T03:04:05Z");
    }

    @Test
    void byteSizesAreBinaryUnitsWithOneDecimal() {
        assertThat(ByteSize.of(0)).isEqualTo("0 B");
        assertThat(ByteSize.of(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.of(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.of(20L * 1024 * 1024)).isEqualTo("20.0 MiB");
        assertThat(ByteSize.rate(3.5 * 1024 * 1024)).isEqualTo("3.5 MiB/s");
    }

    @Test
    void statusShowsUserTrackerAgentSharesAndDownloads() {
        var status = new AgentStatus("alice", List.of("http://t1:9000", "http://t2:9000"),
                "connected to http://t1:9000", "http://10.0.0.5:4000",
                List.of(new ShareInfo("photos", "cat.jpg", "/home/alice/cat.jpg", 3_000_000, HASH, 6)),
                List.of(download("dog.jpg", DownloadState.RUNNING, 3, 6, null)), List.of(),
                new TransferLimits(20_000_000L, 0L, false));
        var endpoint = new AgentEndpoint(4242, "http://127.0.0.1:5000", "http://10.0.0.5:4000");

        String text = StatusCommand.text(Path.of("/home/alice/.p2p"), endpoint, status);

        assertThat(text.lines()).containsExactly(
                "User:      alice",
                "Tracker:   connected to http://t1:9000",
                "Fail-over: http://t1:9000, http://t2:9000",
                "Agent:     pid 4242, control http://127.0.0.1:5000",
                "Peers see: http://10.0.0.5:4000",
                "Session:   /home/alice/.p2p",
                "Shares:    1 file",
                "  GROUP   FILE     SIZE     PATH",
                "  photos  cat.jpg  2.9 MiB  /home/alice/cat.jpg",
                "Limits:    download 20 MB/s, upload unlimited (local peers unlimited)",
                "Downloads: 1 (1 running)",
                "  [D] photos dog.jpg 50%");
    }

    @Test
    void limitsShowTheAgentsRatesAndEachDownloadsOwn() {
        DownloadInfo limited = new DownloadInfo("ab12cd34", "photos", "big.iso", HASH, "/tmp/big.iso",
                DownloadState.RUNNING, 3_000_000, 0, 0, 6, 0, null, 1, List.of(), null, 1_572_864L);

        assertThat(LimitsCommand.text(new TransferLimits(20_000_000L, 0L, true), List.of(limited)).lines())
                .containsExactly("Downloads: 20 MB/s", "Uploads:   unlimited", "  download ab12cd34 photos big.iso: 1.57 MB/s");
    }

    @Test
    void plainProgressPrintsTheFirstAndLastLineButNotEveryUpdate() {
        var out = new StringWriter();
        Output output = new Output(new PrintWriter(out), new Json(), false);
        P2pCommand notATerminal = new P2pCommand(Map.of(), Path.of("/tmp"), false);

        try (Progress progress = Progress.create(notATerminal, output, "cat.jpg")) {
            progress.update(0, 4 * 1024 * 1024, 0, null, 0);
            progress.update(1024 * 1024, 4 * 1024 * 1024, 2.0 * 1024 * 1024, 2L, 1);
            progress.update(2 * 1024 * 1024, 4 * 1024 * 1024, 2.0 * 1024 * 1024, 1L, 2);
        }

        assertThat(out.toString().lines()).containsExactly(
                "cat.jpg: 0% (0 B of 4.0 MiB, 0 peers)",
                "cat.jpg: 50% (2.0 MiB of 4.0 MiB, 2.0 MiB/s, ETA 1 s, 2 peers)");
    }

    @Test
    void progressIsSilentWithTheJsonOption() {
        var out = new StringWriter();
        Output output = new Output(new PrintWriter(out), new Json(), true);

        try (Progress progress = Progress.create(new P2pCommand(Map.of(), Path.of("/tmp"), true), output, "x")) {
            progress.update(1, 2, 0, null, null);
        }

        assertThat(out.toString()).isEmpty();
    }

    @Test
    void resultsPrintAsOneLineOfJsonWithTheJsonOption() {
        var out = new StringWriter();
        new Output(new PrintWriter(out), new Json(), true)
                .print(new GroupSummary("photos", "alice", true, 1, 0, Membership.OWNER), "ignored");

        assertThat(out.toString().strip()).isEqualTo(
                "{\"name\":\"photos\",\"owner\":\"alice\",\"private\":true,\"members\":1,\"files\":0,\"membership\":\"OWNER\"}");
    }
}
