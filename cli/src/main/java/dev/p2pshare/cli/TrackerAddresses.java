package dev.p2pshare.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Which trackers a command talks to, first is preferred and the others are fail-overs: --tracker
 * (repeatable), else $P2P_TRACKER (comma or space separated), else the trackers of this folder's
 * session, else every line of ./tracker_info.txt, else http://localhost:9000.
 */
final class TrackerAddresses {
    static final String ENV = "P2P_TRACKER";
    static final String INFO_FILE = "tracker_info.txt";
    static final String DEFAULT = "http://localhost:9000";
    /** The tracker's port when an address is a bare host ({@code 10.0.0.5}); a full URL keeps its scheme's port. */
    static final int DEFAULT_PORT = 9000;

    private TrackerAddresses() {
    }

    static List<String> resolve(List<String> flags, Map<String, String> env, Path cwd, List<String> sessionTrackers) {
        if (flags != null && !flags.isEmpty()) return normalize(flags, "--tracker");
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) return normalize(Arrays.asList(fromEnv.strip().split("[,\\s]+")), ENV);
        if (sessionTrackers != null && !sessionTrackers.isEmpty()) return normalize(sessionTrackers, "session.json");
        List<String> fromFile = readInfoFile(cwd.resolve(INFO_FILE));
        if (!fromFile.isEmpty()) return normalize(fromFile, INFO_FILE);
        return List.of(DEFAULT);
    }

    /**
     * {@code host:port} becomes {@code http://host:port}, a bare {@code host} {@code http://host:9000}; a trailing
     * slash goes.
     */
    static String normalize(String address, String source) {
        String url = address.strip();
        boolean bare = !url.contains("://");
        if (bare) url = "http://" + url;
        while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            if (bare && uri.getPort() == -1 && (uri.getPath() == null || uri.getPath().isEmpty())) {
                url = url + ":" + DEFAULT_PORT;
            }
        } catch (IllegalArgumentException e) {
            throw CliFailure.refused("not a tracker address in " + source + ": '" + address.strip() + "' (expected host:port or http://host:port)");
        }
        return url;
    }

    private static List<String> normalize(List<String> addresses, String source) {
        LinkedHashSet<String> urls = new LinkedHashSet<>();
        for (String address : addresses) {
            if (!address.isBlank()) urls.add(normalize(address, source));
        }
        return new ArrayList<>(urls);
    }

    /** Its non-blank lines; a missing file is an empty list. */
    private static List<String> readInfoFile(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw CliFailure.refused("cannot read " + file + ": " + HttpApi.describe(e));
        }
    }
}
