package dev.p2pshare.cli;

import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "cancel_download", aliases = "cancel-download", mixinStandardHelpOptions = true,
        description = {"Cancel a download: stop it and remove its .part file and what it remembered of it.",
                "Name it by the id that `p2p show_downloads` shows, or by group and file name when only one "
                        + "unfinished download fetches that file."},
        footerHeading = P2pCommand.EXAMPLE, footer = {"  p2p cancel_download 1a2b3c4d", "  p2p cancel_download photos big.iso"})
final class CancelDownloadCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<id|group>", description = "The download's id, or the group of its file.")
    private String idOrGroup;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<fileName>", description = "The file's name (with <group>).")
    private String fileName;

    @Override
    public Integer call() {
        AgentClient agent = p2p.agent();
        String id = fileName == null ? idOrGroup : idOf(agent.downloads(), idOrGroup, fileName);
        DownloadInfo cancelled = agent.cancel(id);
        Map<String, Object> result = ShowDownloadsCommand.asJson(p2p.json(), cancelled);
        result.put("cancelled", true);
        p2p.output().print(result, "Cancelled download " + cancelled.id() + " of " + cancelled.fileName() + " from "
                + cancelled.group() + "; removed " + cancelled.dest() + ".part");
        return ExitCodes.OK;
    }

    /** The one unfinished download of {@code fileName} from {@code group}; refused when there is none or several. */
    static String idOf(List<DownloadInfo> downloads, String group, String fileName) {
        List<DownloadInfo> matches = downloads.stream()
                .filter(d -> group.equals(d.group()) && fileName.equals(d.fileName()) && d.state() != DownloadState.COMPLETE)
                .toList();
        if (matches.isEmpty()) {
            throw CliFailure.refused("no unfinished download of " + fileName + " from " + group
                    + "; see `p2p show_downloads`");
        }
        if (matches.size() > 1) {
            throw CliFailure.refused(matches.size() + " downloads of " + fileName + " from " + group + ": "
                    + matches.stream().map(d -> d.id() + " -> " + d.dest()).collect(Collectors.joining(", "))
                    + "; name one by its id");
        }
        return matches.get(0).id();
    }
}
