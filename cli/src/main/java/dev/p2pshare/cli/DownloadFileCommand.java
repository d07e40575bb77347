package dev.p2pshare.cli;

import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.control.DownloadState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "download_file", aliases = "download-file", mixinStandardHelpOptions = true,
        description = {"Download a group's file from its peers, with a progress bar.",
                "Chunks come from every peer that has them, and each one is verified with SHA-256. The command waits "
                        + "until the file is complete unless --background is given. Ctrl-C pauses the download; "
                        + "the same command resumes it.",
                "The progress line says what the download is doing or why it waits (no online peer, tracker "
                        + "unreachable, ...); a download the tracker no longer allows stops with the reason.",
                "<destPath> is relative to the current folder; an existing folder keeps the file's name.",
                "A shared folder is rebuilt under <destPath>: each file appears under its name once its SHA-256 is "
                        + "verified, partial data waits in <destPath>.part/. --only and --exclude fetch some of its files "
                        + "(only the chunks they touch). With --overwrite an existing folder is merged into: files of the "
                        + "share replace files of the same path, other files stay."},
        footerHeading = P2pCommand.EXAMPLE, footer = {"  p2p download_file photos cat.jpg ./cat.jpg",
        "  p2p download_file photos album ~/Pictures --only 'raw/*.cr3' --exclude 'raw/rejects'",
        "  p2p download_file photos big.iso ~/Downloads --background",
        "  p2p download_file photos big.iso ~/Downloads --limit 5MB"})
final class DownloadFileCommand implements Callable<Integer> {
    private static final long POLL_MILLIS = 500;

    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "Group the file is shared in.")
    private String group;

    @Parameters(index = "1", paramLabel = "<fileName>", description = "Name of the file in the group.")
    private String fileName;

    @Parameters(index = "2", paramLabel = "<destPath>", description = "Where to save it.")
    private String destPath;

    @Option(names = "--background", description = "Return at once; follow it with `p2p show_downloads`.")
    private boolean background;

    @Option(names = "--overwrite", description = "Replace an existing file at <destPath>.")
    private boolean overwrite;

    @Option(names = "--no-seed", description = "Do not share the file in the group once it is complete.")
    private boolean noSeed;

    @Option(names = "--limit", paramLabel = "<rate>", converter = RateConverter.class,
            description = {"Download at most this many bytes per second, on top of the agent's own limit "
                    + "(`p2p limits`): 500KB, 5MB, 1.5MiB. " + RateConverter.UNITS,
                    "Change it while it runs with `p2p limits --download <id> <rate>`."})
    private Long limit;

    @Option(names = "--only", paramLabel = "<glob>", description = {"For a folder: fetch only the files whose path "
            + "inside it matches (repeatable). A glob naming a folder takes everything under it.",
            "Globs as in java.nio: * and ? stay within a folder, ** crosses folders, {a,b} alternatives: "
                    + "'raw/*.cr3', '**/*.txt', 'docs'."})
    private List<String> only = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "<glob>", description = "For a folder: skip the files whose path "
            + "matches (repeatable; a folder's name skips everything under it).")
    private List<String> exclude = new ArrayList<>();

    @Override
    public Integer call() {
        AgentClient agent = p2p.agent();
        Path dest = p2p.resolve(destPath);
        DownloadRequest request = new DownloadRequest(group, fileName, dest.toString(), overwrite, !noSeed, limit, only,
                exclude);
        DownloadInfo download;
        try {
            download = agent.startDownload(request);
        } catch (CliFailure failure) {
            throw failure.httpStatus() == 409 ? existsAlready(failure, Files.isDirectory(dest) ? dest.resolve(fileName) : dest) : failure;
        }
        Output output = p2p.output();
        if (background && download.state() != DownloadState.COMPLETE) {
            output.print(download, "Downloading " + fileName + " from " + group + " to " + download.dest()
                    + " in the background; follow it with `p2p show_downloads`");
            return ExitCodes.OK;
        }
        download = follow(agent, download, output);
        switch (download.state()) {
            case COMPLETE -> output.print(download, "Downloaded " + fileName + " from " + group + " to " + download.dest()
                    + " (" + ByteSize.of(download.size()) + (withFiles(download, null) == null ? ", SHA-256 " + download.sha256()
                    : ", " + withFiles(download, null) + ", the SHA-256 of each") + " verified)");
            case FAILED -> throw CliFailure.refused("download of " + fileName + " failed: "
                    + (download.error() == null ? "no reason given" : download.error()));
            default -> throw CliFailure.refused("download of " + fileName + " is paused at " + download.percent()
                    + "%; run the same command to resume it");
        }
        return ExitCodes.OK;
    }

    /** The agent's "exists already", with the option that replaces the file, or merges into the folder, named. */
    private CliFailure existsAlready(CliFailure conflict, Path target) {
        if (overwrite || !conflict.getMessage().contains("exists already")) return conflict; // another download writes there
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return CliFailure.refused(target + " exists already; add --overwrite to merge the folder into it (its files"
                    + " replace files of the same path, other files stay)");
        }
        if (!Files.isRegularFile(target)) return conflict;
        return CliFailure.refused(target + " exists already; add --overwrite to replace it");
    }

    /** Polls the download until it is no longer running; Ctrl-C pauses it at the agent on the way out. */
    private DownloadInfo follow(AgentClient agent, DownloadInfo download, Output output) {
        AtomicBoolean following = new AtomicBoolean(true);
        PrintWriter err = p2p.err();
        try (Progress progress = Progress.create(p2p, output, fileName)) {
            Thread pauseOnInterrupt = new Thread(() -> {
                if (!following.get()) return;
                progress.close();
                try {
                    agent.pause(download.id());
                    err.println("p2p: paused " + fileName + "; run the same command to resume it");
                } catch (CliFailure failure) {
                    err.println("p2p: could not pause " + fileName + ": " + failure.getMessage());
                }
                err.flush();
            }, "pause-download");
            Runtime.getRuntime().addShutdownHook(pauseOnInterrupt);
            try {
                DownloadInfo current = download;
                while (current.state() == null || current.state() == DownloadState.RUNNING) {
                    progress.update(current.bytesDone(), current.size(), current.bytesPerSecond(), current.etaSeconds(),
                            withFiles(current, current.reason()));
                    sleep();
                    current = agent.download(current.id());
                }
                progress.update(current.bytesDone(), current.size(), 0, null, withFiles(current, null)); // speed, ETA, state over
                return current;
            } finally {
                following.set(false);
                removeHook(pauseOnInterrupt);
            }
        }
    }

    /** The state, after how many files are in place when the download is of several. */
    private static String withFiles(DownloadInfo download, String state) {
        String files = ShowDownloadsCommand.files(download);
        if (files.isEmpty()) return state;
        return state == null ? files.strip() : files.strip() + ", " + state;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it checks `following` first
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.refused("interrupted");
        }
    }
}
