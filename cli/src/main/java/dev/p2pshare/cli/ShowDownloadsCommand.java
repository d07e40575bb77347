package dev.p2pshare.cli;

import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "show_downloads", aliases = "show-downloads", mixinStandardHelpOptions = true,
        description = {"Show this folder's downloads, oldest first, one a line: state, group, file, percent, then the "
                + "download's id, where it goes and what it is doing or why it waits or stopped.",
                "  [D] <group> <file> <percent>%% <id> -> <dest> (<reason>)   downloading or waiting",
                "A folder shows how many of its files are in place after the percent: files <done>/<total>.",
                "  [C] <group> <file> <id> -> <dest>                         complete",
                "  [P] <group> <file> <percent>%% <id> -> <dest>              paused: the same download_file resumes it",
                "  [F] <group> <file> <percent>%% <id> -> <dest> (<reason>)   failed",
                "Cancel one with `p2p cancel_download <id>`."},
        footerHeading = P2pCommand.EXAMPLE, footer = {"  p2p show_downloads", "  p2p show_downloads --clear"})
final class ShowDownloadsCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Option(names = "--clear", description = "First forget the complete and failed downloads (a failed one's .part "
            + "file is removed); the downloaded files stay.")
    private boolean clear;

    @Override
    public Integer call() {
        AgentClient agent = p2p.agent();
        String cleared = "";
        if (clear) {
            int forgotten = agent.clearFinished().size();
            cleared = "Forgot " + forgotten + (forgotten == 1 ? " finished download" : " finished downloads") + ".\n";
        }
        List<DownloadInfo> downloads = agent.downloads();
        Json json = p2p.json();
        p2p.output().print(downloads.stream().map(download -> asJson(json, download)).toList(), cleared + text(downloads));
        return ExitCodes.OK;
    }

    static String text(List<DownloadInfo> downloads) {
        if (downloads.isEmpty()) return "No downloads.";
        return downloads.stream().map(ShowDownloadsCommand::line).collect(Collectors.joining("\n"));
    }

    /**
     * The line format of the seed system, {@code [D] <group> <file> <percent>%} and {@code [C] <group> <file>},
     * with the id, the destination and the reason after it (scripts reading the start keep working).
     */
    static String line(DownloadInfo download) {
        DownloadState state = download.state() == null ? DownloadState.RUNNING : download.state();
        String name = download.group() + " " + download.fileName();
        String files = files(download);
        String where = " " + download.id() + " -> " + download.dest();
        String why = download.reason() == null ? "" : " (" + download.reason() + ")";
        return switch (state) {
            case RUNNING -> "[D] " + name + " " + download.percent() + "%" + files + where + why;
            case COMPLETE -> "[C] " + name + where;
            case PAUSED -> "[P] " + name + " " + download.percent() + "%" + files + where;
            case FAILED -> "[F] " + name + " " + download.percent() + "%" + files + where + why;
        };
    }

    /** " files 1,234/10,000" for a download of several files (a folder), "" for one file. */
    static String files(DownloadInfo download) {
        if (download.filesTotal() <= 1) return "";
        return String.format(Locale.ROOT, " files %,d/%,d", download.filesDone(), download.filesTotal());
    }

    /** The download as the agent gives it, plus its percentage. */
    static Map<String, Object> asJson(Json json, DownloadInfo download) {
        Map<String, Object> fields = json.toMap(download);
        fields.put("percent", download.percent());
        return fields;
    }
}
