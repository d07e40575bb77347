package dev.p2pshare.cli;

import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadState;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "show_downloads", aliases = "show-downloads", mixinStandardHelpOptions = true,
        description = {"Show this folder's downloads, one a line.",
                "  [D] <group> <file> <percent>%%   downloading",
                "  [C] <group> <file>              complete",
                "  [P] <group> <file> <percent>%%   paused: the same download_file resumes it",
                "  [F] <group> <file> <percent>%% (<reason>)   failed"},
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p show_downloads")
final class ShowDownloadsCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Override
    public Integer call() {
        List<DownloadInfo> downloads = p2p.agent().downloads();
        Json json = p2p.json();
        p2p.output().print(downloads.stream().map(download -> asJson(json, download)).toList(), text(downloads));
        return ExitCodes.OK;
    }

    static String text(List<DownloadInfo> downloads) {
        if (downloads.isEmpty()) return "No downloads.";
        return downloads.stream().map(ShowDownloadsCommand::line).collect(Collectors.joining("\n"));
    }

    /** The line format of the seed system: {@code [D] <group> <file> <percent>%} and {@code [C] <group> <file>}. */
    static String line(DownloadInfo download) {
        DownloadState state = download.state() == null ? DownloadState.RUNNING : download.state();
        String name = download.group() + " " + download.fileName();
        return switch (state) {
            case RUNNING -> "[D] " + name + " " + download.percent() + "%";
            case COMPLETE -> "[C] " + name;
            case PAUSED -> "[P] " + name + " " + download.percent() + "%";
            case FAILED -> "[F] " + name + " " + download.percent() + "%"
                    + (download.error() == null ? "" : " (" + download.error() + ")");
        };
    }

    /** The download as the agent gives it, plus its percentage. */
    static Map<String, Object> asJson(Json json, DownloadInfo download) {
        Map<String, Object> fields = json.toMap(download);
        fields.put("percent", download.percent());
        return fields;
    }
}
