package dev.p2pshare.agent.download;

import dev.p2pshare.agent.chunk.FolderLayout;
import dev.p2pshare.shared.FolderLimits;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * The part of a folder a download fetches: the files whose path, or a folder above it, matches one of
 * {@code only} (every file when there is none) and none of {@code exclude}, as java.nio "glob:" patterns over
 * the '/'-separated paths; the chunks those files touch (fetched) and the chunks wholly inside them (served
 * to other peers: a chunk shared with a file not chosen is only half written).
 */
record FolderSelection(FolderLayout layout, BitSet files, List<String> emptyFolders, BitSet chunks,
                       BitSet servable, long size) {

    /**
     * The selection of a folder whose manifest keeps within {@code limits}, or IllegalArgumentException naming
     * what is wrong with the manifest (a hostile path, a limit), naming a bad glob, or saying that nothing matches.
     */
    static FolderSelection of(Manifest manifest, FolderLimits limits, List<String> only, List<String> exclude) {
        String problem = manifest.problem(limits);
        if (problem != null) throw new IllegalArgumentException("refusing the folder " + manifest.name() + ": " + problem);
        List<PathMatcher> wanted = matchers(only);
        List<PathMatcher> unwanted = matchers(exclude);
        FolderLayout layout = new FolderLayout(manifest);
        BitSet files = new BitSet(manifest.files().size());
        long size = 0;
        for (int i = 0; i < manifest.files().size(); i++) {
            ManifestFile file = manifest.files().get(i);
            if (chosen(file.path(), wanted, unwanted)) {
                files.set(i);
                size += file.size();
            }
        }
        List<String> emptyFolders = new ArrayList<>();
        for (String folder : manifest.emptyFolders()) {
            if (chosen(folder, wanted, unwanted)) emptyFolders.add(folder);
        }
        if (files.isEmpty() && emptyFolders.isEmpty() && !(only.isEmpty() && exclude.isEmpty())) {
            throw new IllegalArgumentException("no file in " + manifest.name() + " matches " + describe(only, exclude));
        }
        return new FolderSelection(layout, files, List.copyOf(emptyFolders), layout.chunksOf(files),
                layout.chunksWhollyIn(files), size);
    }

    /** Bytes of chosen files in chunk {@code chunk}: what verifying it adds to the progress. */
    int chosenBytes(int chunk) {
        int bytes = 0;
        for (FolderLayout.Span span : layout.spans(chunk)) {
            if (files.get(span.file())) bytes += span.length();
        }
        return bytes;
    }

    private static boolean chosen(String path, List<PathMatcher> wanted, List<PathMatcher> unwanted) {
        return (wanted.isEmpty() || matchesOrIsUnder(path, wanted)) && !matchesOrIsUnder(path, unwanted);
    }

    /** Whether a matcher matches {@code path} or one of the folders it is in. */
    private static boolean matchesOrIsUnder(String path, List<PathMatcher> matchers) {
        Path relative = Path.of(path);
        for (int depth = relative.getNameCount(); depth > 0; depth--) {
            Path prefix = relative.subpath(0, depth);
            for (PathMatcher matcher : matchers) {
                if (matcher.matches(prefix)) return true;
            }
        }
        return false;
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        List<PathMatcher> matchers = new ArrayList<>(globs.size());
        for (String glob : globs) {
            if (glob == null || glob.isBlank()) throw new IllegalArgumentException("an empty glob matches nothing");
            try {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid glob " + glob + ": " + e.getDescription());
            }
        }
        return matchers;
    }

    private static String describe(List<String> only, List<String> exclude) {
        List<String> parts = new ArrayList<>();
        for (String glob : only) parts.add("--only " + glob);
        for (String glob : exclude) parts.add("--exclude " + glob);
        return String.join(" ", parts);
    }
}
