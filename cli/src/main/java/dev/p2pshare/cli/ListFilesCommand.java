package dev.p2pshare.cli;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;
import dev.p2pshare.shared.tracker.FileSummary;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "list_files", aliases = "list-files", mixinStandardHelpOptions = true,
        description = {"List the files and folders shared in a group: size, files, chunks, seeders, SHA-256.",
            "With a <name>, what that share holds: a folder's tree with sizes (--tree, the default), or a line "
                    + "'<bytes>  <path>' per file (--files). --json then prints the share with its files and empty folders."},
        footerHeading = P2pCommand.EXAMPLE, footer = {"  p2p list_files photos", "  p2p list_files photos album --tree",
            "  p2p list_files photos album --files"})
final class ListFilesCommand implements Callable<Integer> {
    private static final String INDENT = "  ";

    @ParentCommand
    private P2pCommand p2p;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<group>", description = "Group whose files to list.")
    private String group;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<name>", description = "A shared folder (or file) to look into.")
    private String name;

    @ArgGroup(exclusive = true)
    private View view;

    @Override
    public Integer call() {
        if (name == null) {
            if (view != null) throw new ParameterException(spec.commandLine(), "--tree and --files need a <name>");
            List<FileSummary> files = p2p.sessionTracker().files(group);
            p2p.output().print(files, table(group, files));
            return ExitCodes.OK;
        }
        Manifest manifest = p2p.sessionTracker().manifest(group, name);
        boolean filesView = view != null && view.files;
        p2p.output().print(contents(manifest), filesView ? fileLines(manifest) : tree(manifest));
        return ExitCodes.OK;
    }

    static String table(String group, List<FileSummary> files) {
        if (files.isEmpty()) return "No files shared in " + group + ".";
        Table table = new Table("FILE", "SIZE", "FILES", "CHUNKS", "SEEDERS", "SHA-256");
        for (FileSummary file : files) {
            table.row(file.folder() ? file.name() + "/" : file.name(), ByteSize.of(file.size()),
                    file.folder() ? count(file.fileCount()) : null, file.chunkCount(), file.seeders(), file.sha256());
        }
        return table.render();
    }

    /** One line per file, "<bytes>  <path>" in path order; a single file is its own one line. */
    static String fileLines(Manifest manifest) {
        StringBuilder text = new StringBuilder();
        for (ManifestFile file : filesOf(manifest)) {
            if (!text.isEmpty()) text.append('\n');
            text.append(file.size()).append(INDENT).append(file.path());
        }
        return text.isEmpty() ? "No files in " + manifest.name() + "." : text.toString();
    }

    /**
     * The share as a tree: a folder's line says how many files it holds and their size, then its folders and
     * its files, each level indented further; an empty folder says so. A single file is its own one line.
     */
    static String tree(Manifest manifest) {
        if (!manifest.isFolder()) return manifest.name() + INDENT + ByteSize.of(manifest.size());
        Folder root = new Folder();
        for (ManifestFile file : manifest.files()) root.add(file.path().split("/"), 0, file);
        for (String empty : manifest.emptyFolders()) root.add(empty.split("/"), 0, null);
        StringBuilder text = new StringBuilder();
        root.print(text, manifest.name(), "");
        return text.toString();
    }

    /** What --json prints with a <name>: the share with its files and empty folders, without its chunk hashes. */
    static Map<String, Object> contents(Manifest manifest) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", manifest.name());
        json.put("folder", manifest.isFolder());
        json.put("size", manifest.size());
        json.put("sha256", manifest.sha256());
        json.put("fileCount", manifest.fileCount());
        json.put("files", filesOf(manifest));
        json.put("emptyFolders", manifest.isFolder() ? manifest.emptyFolders() : List.of());
        return json;
    }

    private static List<ManifestFile> filesOf(Manifest manifest) {
        return manifest.isFolder() ? manifest.files()
                : List.of(new ManifestFile(manifest.name(), manifest.size(), manifest.sha256()));
    }

    private static String count(int files) {
        return String.format(Locale.ROOT, "%,d", files);
    }

    /** How a named share is shown. */
    private static final class View {
        @Option(names = "--tree", description = "The folder's tree: folders, then files, indented, with sizes.")
        boolean tree;

        @Option(names = "--files", description = "One line per file: size in bytes, two spaces, path (for scripts).")
        boolean files;
    }

    /** A folder of the tree being printed: its sub-folders by name, its files in path order, and their totals. */
    private static final class Folder {
        private final Map<String, Folder> folders = new TreeMap<>();
        private final List<ManifestFile> files = new ArrayList<>();
        private int fileCount;
        private long size;

        /** Adds {@code file} (null: just the folder) found at {@code parts} from {@code depth} down. */
        void add(String[] parts, int depth, ManifestFile file) {
            if (file != null) {
                fileCount++;
                size += file.size();
            }
            if (file != null && depth == parts.length - 1) {
                files.add(file);
            } else if (depth < parts.length) {
                folders.computeIfAbsent(parts[depth], key -> new Folder()).add(parts, depth + 1, file);
            }
        }

        void print(StringBuilder text, String name, String indent) {
            text.append(indent).append(name).append('/').append(INDENT);
            if (fileCount == 0) {
                text.append("(empty)");
            } else {
                text.append('(').append(count(fileCount)).append(fileCount == 1 ? " file, " : " files, ")
                        .append(ByteSize.of(size)).append(')');
            }
            String inner = indent + INDENT;
            folders.forEach((folder, content) -> content.print(text.append('\n'), folder, inner));
            for (ManifestFile file : files) {
                String path = file.path();
                text.append('\n').append(inner).append(path.substring(path.lastIndexOf('/') + 1)).append(INDENT)
                        .append(ByteSize.of(file.size()));
            }
        }
    }
}
