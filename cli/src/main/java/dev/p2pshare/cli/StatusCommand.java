package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.AgentStatus;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.control.HashingProgress;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.control.StoppedShare;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show this folder's session: user, tracker, agent addresses, shared files, rate limits, downloads.",
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p status")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Override
    public Integer call() {
        SessionFolder home = p2p.home();
        AgentClient agent = p2p.agent();
        AgentStatus status = agent.status();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("home", home.dir().toString());
        result.put("agent", agent.endpoint());
        result.put("status", status);
        p2p.output().print(result, text(home.dir(), agent.endpoint(), status));
        return ExitCodes.OK;
    }

    static String text(Path home, AgentEndpoint endpoint, AgentStatus status) {
        StringBuilder text = new StringBuilder();
        field(text, "User", status.username());
        List<String> trackers = status.trackers() == null ? List.of() : status.trackers();
        field(text, "Tracker", status.trackerState() != null ? status.trackerState() : String.join(", ", trackers));
        if (trackers.size() > 1) field(text, "Fail-over", String.join(", ", trackers));
        field(text, "Agent", "pid " + endpoint.pid() + ", control " + endpoint.controlUrl());
        field(text, "Peers see", status.chunkUrl() == null ? endpoint.chunkUrl() : status.chunkUrl());
        field(text, "Session", home.toString());
        List<ShareInfo> shares = status.shares() == null ? List.of() : status.shares();
        field(text, "Shares", shares.size() + (shares.size() == 1 ? " file" : " files"));
        if (!shares.isEmpty()) {
            Table table = new Table("GROUP", "FILE", "SIZE", "PATH");
            for (ShareInfo share : shares) {
                table.row(share.group(), shownName(share),
                        ByteSize.of(share.size()), share.path());
            }
            text.append(table.render().indent(2));
        }
        List<StoppedShare> stopped = status.stopped() == null ? List.of() : status.stopped();
        if (!stopped.isEmpty()) {
            field(text, "Stopped", stopped.size() + (stopped.size() == 1 ? " file" : " files") + " the agent no longer shares");
            Table table = new Table("GROUP", "FILE", "WHY", "PATH");
            for (StoppedShare share : stopped) {
                table.row(share.group(), share.name(), share.reason() + ": " + share.fix(), share.path());
            }
            text.append(table.render().indent(2));
        }
        List<HashingProgress> hashing = status.hashing() == null ? List.of() : status.hashing();
        for (HashingProgress progress : hashing) {
            text.append("  hashing ").append(progress.path()).append(' ')
                    .append(progress.size() == 0 ? 100 : 100 * progress.bytesDone() / progress.size()).append('%');
            if (progress.files() > 1) text.append(" (").append(progress.filesDone()).append(" of ").append(progress.files()).append(" files)");
            text.append('\n');
        }
        if (status.limits() != null) field(text, "Limits", LimitsCommand.summary(status.limits()));
        List<DownloadInfo> downloads = status.downloads() == null ? List.of() : status.downloads();
        long running = downloads.stream().filter(d -> d.state() == null || d.state() == DownloadState.RUNNING).count();
        field(text, "Downloads", downloads.size() + " (" + running + " running)");
        for (DownloadInfo download : downloads) text.append("  ").append(ShowDownloadsCommand.line(download)).append('\n');
        return text.toString().stripTrailing();
    }

    /** A share's name as the table shows it: a folder as "album/ (120 files)". */
    private static String shownName(ShareInfo share) {
        return share.folder() ? share.name() + "/ (" + share.files() + (share.files() == 1 ? " file)" : " files)") : share.name();
    }

    private static void field(StringBuilder text, String label, String value) {
        text.append(String.format("%-11s%s%n", label + ":", value));
    }
}
