package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.AgentStatus;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.control.TransferLimits;
import dev.p2pshare.shared.tracker.ActivityKind;
import dev.p2pshare.shared.tracker.ActivityLine;
import dev.p2pshare.shared.tracker.ActivityPage;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormattingTest {
    private static final String HASH = "ab".repeat(32);

    private static DownloadInfo download(String file, DownloadState state, int chunksDone, int chunkCount, String reason) {
        return download("id-" + file, file, "/tmp/" + file, state, chunksDone, chunkCount, reason);
    }

    private static DownloadInfo download(String id, String file, String dest, DownloadState state, int chunksDone,
                                         int chunkCount, String reason) {
        return new DownloadInfo(id, "photos", file, HASH, dest, state, 3_000_000, 1_000_000, chunksDone, chunkCount,
                1.5e6, 2L, 2, List.of(), null, Instant.parse("2026-11-29T14:02:00Z"), reason, 0L);
    }

    @Test
    void showDownloadsStartsWithTheSeedSystemsLineFormatAndAddsIdDestinationAndReason() {
        assertThat(ShowDownloadsCommand.line(download("cat.jpg", DownloadState.RUNNING, 3, 6, "downloading from 3 peers")))
                .isEqualTo("[D] photos cat.jpg 50% id-cat.jpg -> /tmp/cat.jpg (downloading from 3 peers)");
        assertThat(ShowDownloadsCommand.line(download("cat.jpg", DownloadState.COMPLETE, 6, 6, "complete")))
                .isEqualTo("[C] photos cat.jpg id-cat.jpg -> /tmp/cat.jpg");
        assertThat(ShowDownloadsCommand.line(download("my cat.jpg", DownloadState.PAUSED, 1, 3, "paused")))
                .isEqualTo("[P] photos my cat.jpg 33% id-my cat.jpg -> /tmp/my cat.jpg");
        assertThat(ShowDownloadsCommand.line(download("cat.jpg", DownloadState.FAILED, 0, 6,
                "stopped: the tracker no longer lets you read photos")))
                .isEqualTo("[F] photos cat.jpg 0% id-cat.jpg -> /tmp/cat.jpg (stopped: the tracker no longer lets you read photos)");
    }

    @Test
    void showDownloadsPrintsOneLineADownloadOrSaysThereAreNone() {
        assertThat(ShowDownloadsCommand.text(List.of(
                download("a.bin", DownloadState.RUNNING, 1, 4, "waiting: no online peer holds a.bin"),
                download("b.bin", DownloadState.COMPLETE, 4, 4, "complete"))))
                .isEqualTo("[D] photos a.bin 25% id-a.bin -> /tmp/a.bin (waiting: no online peer holds a.bin)\n"
                        + "[C] photos b.bin id-b.bin -> /tmp/b.bin");
        assertThat(ShowDownloadsCommand.text(List.of())).isEqualTo("No downloads.");
    }

    @Test
    void cancelByGroupAndFileNamesTheOneUnfinishedDownloadOrListsTheCandidates() {
        DownloadInfo done = download("d1", "cat.jpg", "/a/cat.jpg", DownloadState.COMPLETE, 6, 6, "complete");
        DownloadInfo running = download("d2", "cat.jpg", "/b/cat.jpg", DownloadState.RUNNING, 3, 6, null);
        DownloadInfo failed = download("d3", "cat.jpg", "/c/cat.jpg", DownloadState.FAILED, 3, 6, null);

        assertThat(CancelDownloadCommand.idOf(List.of(done, running), "photos", "cat.jpg")).isEqualTo("d2");
        assertThatThrownBy(() -> CancelDownloadCommand.idOf(List.of(done, running, failed), "photos", "cat.jpg"))
                .isInstanceOf(CliFailure.class)
                .hasMessage("2 downloads of cat.jpg from photos: d2 -> /b/cat.jpg, d3 -> /c/cat.jpg; name one by its id");
        assertThatThrownBy(() -> CancelDownloadCommand.idOf(List.of(done), "photos", "cat.jpg"))
                .hasMessage("no unfinished download of cat.jpg from photos; see `p2p show_downloads`");
        assertThatThrownBy(() -> CancelDownloadCommand.idOf(List.of(running), "family", "cat.jpg"))
                .hasMessageStartingWith("no unfinished download of cat.jpg from family");
    }

    @Test
    void showDownloadsJsonIsTheDownloadWithItsPercent() {
        Json json = new Json();
        Map<String, Object> fields = ShowDownloadsCommand.asJson(json,
                download("a.bin", DownloadState.RUNNING, 1, 4, "downloading from 2 peers"));

        assertThat(json.write(List.of(fields)))
                .startsWith("[{\"id\":\"id-a.bin\",\"group\":\"photos\",\"fileName\":\"a.bin\"")
                .contains("\"state\":\"RUNNING\"", "\"dest\":\"/tmp/a.bin\"", "\"reason\":\"downloading from 2 peers\"",
                        "\"startedAt\":\"2026-11-29T14:02:00Z\"")
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
        String table = ListFilesCommand.table("photos", List.of(new FileSummary("cat.jpg", 3_000_000, HASH, 6, 1, false, 1)));

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
                List.of(download("dog.jpg", DownloadState.RUNNING, 3, 6, "downloading from 2 peers")), List.of(),
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
                "  [D] photos dog.jpg 50% id-dog.jpg -> /tmp/dog.jpg (downloading from 2 peers)");
    }

    @Test
    void limitsShowTheAgentsRatesAndEachDownloadsOwn() {
        DownloadInfo limited = new DownloadInfo("ab12cd34", "photos", "big.iso", HASH, "/tmp/big.iso",
                DownloadState.RUNNING, 3_000_000, 0, 0, 6, 0, null, 1, List.of(), null, null, null, 1_572_864L);

        assertThat(LimitsCommand.text(new TransferLimits(20_000_000L, 0L, true), List.of(limited)).lines())
                .containsExactly("Downloads: 20 MB/s", "Uploads:   unlimited", "  download ab12cd34 photos big.iso: 1.57 MB/s");
    }

    @Test
    void plainProgressPrintsTheFirstAndLastLineButNotEveryUpdate() {
        var out = new StringWriter();
        Output output = new Output(new PrintWriter(out), new Json(), false);
        P2pCommand notATerminal = new P2pCommand(Map.of(), Path.of("/tmp"), false);

        try (Progress progress = Progress.create(notATerminal, output, "cat.jpg")) {
            progress.update(0, 4 * 1024 * 1024, 0, null, "starting: asking the tracker for peers");
            progress.update(1024 * 1024, 4 * 1024 * 1024, 2.0 * 1024 * 1024, 2L, "downloading from 1 peer");
            progress.update(2 * 1024 * 1024, 4 * 1024 * 1024, 2.0 * 1024 * 1024, 1L, "downloading from 2 peers");
        }

        assertThat(out.toString().lines()).containsExactly(
                "cat.jpg: 0% (0 B of 4.0 MiB, starting: asking the tracker for peers)",
                "cat.jpg: 50% (2.0 MiB of 4.0 MiB, 2.0 MiB/s, ETA 1 s, downloading from 2 peers)");
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

    @Test
    void activityIsATableOfGrantsWithTheirAddressAndServedChunksWithTheirReporter() {
        Instant t = Instant.parse("2026-03-01T10:15:30.123456Z");
        ActivityPage page = new ActivityPage(List.of(
                new ActivityLine(t, ActivityKind.SERVED, "bob", "my film.mp4", HASH, null, 3L, 3L * 524288, "carol"),
                new ActivityLine(t, ActivityKind.RENEWAL, "bob", "my film.mp4", HASH, "10.0.0.7", null, null, null),
                new ActivityLine(t, ActivityKind.GRANT, "bob", "a.bin", HASH, "10.0.0.7", null, null, null)), 0, 3, true);
        assertThat(ActivityCommand.text("photos", page)).isEqualTo("""
                TIME                  KIND     USER  FILE         DETAIL
                2026-03-01T10:15:30Z  served   bob   my film.mp4  3 chunks, 1.5 MiB, reported by carol
                2026-03-01T10:15:30Z  renewal  bob   my film.mp4  10.0.0.7
                2026-03-01T10:15:30Z  grant    bob   a.bin        10.0.0.7
                More with --page 1""");
        assertThat(ActivityCommand.text("photos", new ActivityPage(List.of(), 0, 50, false))).isEqualTo("No activity in photos.");
    }

    @Test
    void activityAsksForTheFiltersGivenEachEncoded() {
        assertThat(ActivityCommand.path("photos", "my film.mp4", "bob", "7d", 2, 20))
                .isEqualTo("/api/groups/photos/activity?file=my%20film.mp4&user=bob&since=7d&page=2&size=20");
        assertThat(ActivityCommand.path("photos", null, null, null, 0, 50)).isEqualTo("/api/groups/photos/activity?page=0&size=50");
    }
}
