package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.FileSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list_files", aliases = "list-files", mixinStandardHelpOptions = true,
        description = "List the files shared in a group: size, chunks, seeders, SHA-256.",
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p list_files photos")
final class ListFilesCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "Group whose files to list.")
    private String group;

    @Override
    public Integer call() {
        List<FileSummary> files = p2p.sessionTracker().files(group);
        p2p.output().print(files, table(group, files));
        return ExitCodes.OK;
    }

    /** A share's name as tables show it: a folder as "album/ (120 files)". */
    static String shownName(String name, boolean folder, int files) {
        return folder ? name + "/ (" + files + (files == 1 ? " file)" : " files)") : name;
    }

    static String table(String group, List<FileSummary> files) {
        if (files.isEmpty()) return "No files shared in " + group + ".";
        Table table = new Table("FILE", "SIZE", "CHUNKS", "SEEDERS", "SHA-256");
        for (FileSummary file : files) {
            table.row(shownName(file.name(), file.folder(), file.fileCount()), ByteSize.of(file.size()), file.chunkCount(),
                    file.seeders(), file.sha256());
        }
        return table.render();
    }
}
