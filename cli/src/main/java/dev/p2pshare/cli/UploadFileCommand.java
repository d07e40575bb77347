package dev.p2pshare.cli;

import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.control.ShareRequest;
import dev.p2pshare.shared.control.SkippedPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

@Command(name = "upload_file", aliases = "upload-file", mixinStandardHelpOptions = true,
        description = {"Share a file or a whole folder into a group; prints its SHA-256 and chunk count.",
                "The agent hashes it in 512 KiB chunks and tells the tracker who has it; the file leaves this machine "
                        + "only when a member of the group downloads it, straight from your agent.",
                "A folder is shared under its name with every regular file under it, empty folders included; symbolic "
                        + "links and special files are skipped (never followed), each named on stderr."},
        footerHeading = P2pCommand.EXAMPLE, footer = {"  p2p upload_file ./photos/cat.jpg photos", "  p2p upload_file ./album photos"})
final class UploadFileCommand implements Callable<Integer> {
    /** How often the hashing progress is asked for; the first time after this, so small files show none. */
    private static final long POLL_MILLIS = 500;

    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<path>", description = "The file or folder, relative to the current folder.")
    private String path;

    @Parameters(index = "1", paramLabel = "<group>", description = "Group to share it in (you must be a member).")
    private String group;

    @Override
    public Integer call() {
        Path file = p2p.resolve(path);
        if (!Files.exists(file)) throw CliFailure.refused("no such file: " + path);
        if (!Files.isRegularFile(file) && !Files.isDirectory(file)) throw CliFailure.refused("not a regular file or folder: " + path);
        if (!Files.isReadable(file)) throw CliFailure.refused("cannot read " + path);
        AgentClient agent = p2p.agent();
        Output output = p2p.output();
        ShareInfo shared;
        try (Progress progress = Progress.create(p2p, output, "hashing " + file.getFileName())) {
            CompletableFuture<ShareInfo> sharing = CompletableFuture.supplyAsync(() -> agent.share(new ShareRequest(file.toString(), group)));
            shared = awaitHashing(sharing, agent, file, progress);
        }
        for (SkippedPath skipped : shared.skipped()) p2p.warn("skipped: " + skipped);
        output.print(shared, "Shared " + shared.name() + " in " + shared.group() + ": " + (shared.folder() ? folder(shared) : "")
                + ByteSize.of(shared.size()) + ", " + shared.chunkCount() + (shared.chunkCount() == 1 ? " chunk" : " chunks")
                + ", SHA-256 " + shared.sha256());
        return ExitCodes.OK;
    }

    /** "12 files, 2 empty folders, " */
    static String folder(ShareInfo shared) {
        return shared.files() + (shared.files() == 1 ? " file, " : " files, ")
                + (shared.emptyFolders() == 0 ? "" : shared.emptyFolders() + (shared.emptyFolders() == 1 ? " empty folder, " : " empty folders, "));
    }

    /** Waits for the share call, showing the agent's hashing progress of this file meanwhile. */
    private static ShareInfo awaitHashing(CompletableFuture<ShareInfo> sharing, AgentClient agent, Path file, Progress progress) {
        while (true) {
            try {
                return sharing.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillHashing) {
                agent.hashing().stream()
                        .filter(hashing -> file.toString().equals(hashing.path()))
                        .findFirst()
                        .ifPresent(hashing -> progress.update(hashing.bytesDone(), hashing.size(), 0, null,
                                hashing.files() > 1 ? hashing.filesDone() + " of " + hashing.files() + " files" : null));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CliFailure failure) throw failure;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliFailure.refused("interrupted");
            }
        }
    }
}
